/*
 * Marquee's offline player (docs/bundle-format.md, "The player"). Plays the bundle's playlists
 * in order, each item for its durationMs, and starts over after the last. Plain script, no
 * build step and no network, so any Chromium-based kiosk browser can open it from the stick.
 *
 * Query: ?playlist=<id> plays one playlist; without it, all of them one after the other.
 * Keys: F full screen, → next item, ← previous item.
 */
'use strict'
;(function () {
  const stage = document.getElementById('stage')
  const notice = document.getElementById('notice')
  const manifest = window.MARQUEE_MANIFEST

  /** A card in place of the item: what is wrong, and what the operator can do. */
  function card(title, detail, isError) {
    const box = document.createElement('div')
    box.className = isError ? 'card error' : 'card'
    if (isError) box.setAttribute('role', 'alert')
    const heading = document.createElement('h1')
    heading.textContent = title
    const text = document.createElement('p')
    text.textContent = detail
    box.append(heading, text)
    return box
  }

  function stop(title, detail) {
    stage.replaceChildren(card(title, detail, true))
    stage.dataset.state = 'error'
  }

  if (!manifest || !Array.isArray(manifest.playlists)) {
    stop(
      'This bundle has no playable manifest',
      'player/manifest.js is missing or damaged: the export did not finish, or the player ' +
        'folder was copied without its bundle. Export the playlist again.',
    )
    return
  }

  const media = new Map(manifest.media.map((m) => [m.id, m]))
  const wanted = new URLSearchParams(location.search).get('playlist')
  const playlists = manifest.playlists.filter((p) => wanted === null || p.id === wanted)
  const items = playlists.flatMap((p) => p.items.map((item) => ({ item, playlist: p })))
  if (items.length === 0) {
    stop(
      wanted === null ? 'Nothing to play' : 'No playlist ' + wanted + ' in this bundle',
      'The bundle "' +
        manifest.name +
        '" holds ' +
        manifest.playlists.length +
        ' playlists; none has items.',
    )
    return
  }

  let index = -1
  let timer = 0

  /** The object's URL, relative to player/, so the bundle plays from any folder or drive. */
  function url(object) {
    return '../' + object
  }

  function missing(entry, object) {
    stage.replaceChildren(
      card(
        'Missing: ' + (entry ? entry.name : object),
        object +
          ' cannot be read from this bundle. Run "marquee verify-bundle" on this ' +
          'folder, then export the playlist again. The next item plays in a moment.',
        true,
      ),
    )
    stage.dataset.state = 'missing'
  }

  function element(entry, item) {
    if (entry.type === 'image') {
      const img = document.createElement('img')
      img.alt = entry.name
      img.src = url(item.object)
      return img
    }
    if (entry.type === 'video') {
      const video = document.createElement('video')
      // Muted: browsers only autoplay silent video without a click, and screens run unattended.
      video.muted = true
      video.autoplay = true
      video.playsInline = true
      // The item's duration decides when it ends; a shorter clip repeats until then.
      video.loop = true
      video.src = url(item.object)
      return video
    }
    if (entry.type === 'audio') {
      const audio = document.createElement('audio')
      audio.autoplay = true
      audio.src = url(item.object)
      const box = card(entry.name, manifest.name, false)
      box.append(audio)
      return box
    }
    return card(entry.name, 'This player shows images, video and audio; documents are skipped.')
  }

  function show(next) {
    clearTimeout(timer)
    index = (next + items.length) % items.length
    const { item, playlist } = items[index]
    const entry = media.get(item.mediaId)
    stage.dataset.index = String(index)
    stage.dataset.mediaId = item.mediaId
    stage.dataset.playlist = playlist.id
    stage.dataset.state = 'playing'
    if (!entry) missing(null, item.object)
    else {
      const shown = element(entry, item)
      const source = shown.matches('img, video') ? shown : shown.querySelector('audio')
      if (source) source.addEventListener('error', () => missing(entry, item.object))
      stage.replaceChildren(shown)
    }
    timer = setTimeout(() => show(index + 1), Math.max(item.durationMs, 500))
    preload(items[(index + 1) % items.length].item)
  }

  /** The next image is decoded before its turn, so the switch shows no blank frame. */
  function preload(item) {
    const entry = media.get(item.mediaId)
    if (entry && entry.type === 'image') new Image().src = url(item.object)
  }

  document.addEventListener('keydown', (event) => {
    if (event.key === 'f' || event.key === 'F') {
      document.documentElement.requestFullscreen().catch(() => {})
    } else if (event.key === 'ArrowRight') show(index + 1)
    else if (event.key === 'ArrowLeft') show(index - 1)
  })
  document.addEventListener('click', () => {
    document.documentElement.requestFullscreen().catch(() => {})
  })

  notice.textContent = manifest.name + ' · ' + items.length + ' items'
  notice.hidden = false
  setTimeout(() => {
    notice.hidden = true
  }, 4000)
  show(0)
})()
