/*
 * Marquee's offline player (docs/bundle-format.md, "The player"). Plays the bundle's playlists
 * in order, each item for its durationMs, and starts over after the last. Plain script, no
 * build step and no network, so any Chromium-based kiosk browser can open it from the stick.
 *
 * Items are media (an object), web pages (`type: "url"`, shown in a sandboxed frame: scripts run,
 * but the page gets no access to this player, the stick or cookies) and integration snapshots
 * (`type: "widget"`, read from window.MARQUEE_WIDGETS in manifest.js, drawn as the app's widget).
 *
 * Query: ?playlist=<id> plays one playlist; without it, all of them one after the other.
 * Keys: F full screen, → next item, ← previous item.
 */
'use strict'
;(function () {
  const stage = document.getElementById('stage')
  const notice = document.getElementById('notice')
  const manifest = window.MARQUEE_MANIFEST
  const widgets = window.MARQUEE_WIDGETS || {}

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

  function el(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  /** A web page in a sandbox: its scripts run, but it cannot reach this page or the stick. */
  function frame(item) {
    const iframe = document.createElement('iframe')
    iframe.className = 'web-page'
    iframe.setAttribute('sandbox', 'allow-scripts')
    iframe.setAttribute('referrerpolicy', 'no-referrer')
    iframe.title = item.url
    iframe.src = item.url
    return iframe
  }

  /** The best cached variant of a `{original_url, files}` image, or null. */
  function cachedImage(image, order) {
    const files = image && typeof image === 'object' ? image.files : null
    if (!files || typeof files !== 'object') return null
    for (const variant of order) if (typeof files[variant] === 'string') return files[variant]
    return null
  }

  function picture(image, order, className, alt) {
    const path = cachedImage(image, order)
    if (!path) return el('div', className + ' placeholder', '♪')
    const img = el('img', className)
    img.alt = alt
    img.src = url(path)
    img.addEventListener('error', () =>
      img.replaceWith(el('div', className + ' placeholder missing-image', 'Missing: ' + path)),
    )
    return img
  }

  /** Spotify "now playing" as the app draws it: art, track, artist, album, progress. */
  function nowPlaying(data) {
    const box = el('div', 'widget now-playing')
    box.append(picture(data.album_art, ['full', 'preview', 'thumbnail'], 'art', 'Album art'))
    const text = el('div', 'now-playing-text')
    text.append(
      el('h1', 'track', String(data.track_name || 'No track playing')),
      el('p', 'artist', String(data.artist_name || '')),
      el('p', 'album', String(data.album_name || '')),
    )
    const percent = parseFloat(String(data.progress_percent || '0')) || 0
    const bar = el('div', 'progress')
    bar.setAttribute('role', 'progressbar')
    bar.setAttribute('aria-valuenow', String(Math.round(percent)))
    const fill = el('span')
    fill.style.width = Math.min(100, Math.max(0, percent)) + '%'
    bar.append(fill)
    const times = el('p', 'times')
    times.append(
      el('span', '', String(data.progress_formatted || '')),
      el('span', '', String(data.duration_formatted || '')),
    )
    text.append(bar, times)
    box.append(text)
    return box
  }

  function isImage(value) {
    return value && typeof value === 'object' && typeof value.original_url === 'string'
  }

  function firstImage(value, depth) {
    if (!value || typeof value !== 'object' || depth > 4) return null
    if (isImage(value)) return value
    for (const inner of Object.values(value)) {
      const found = firstImage(inner, depth + 1)
      if (found) return found
    }
    return null
  }

  function label(record) {
    for (const key of ['title', 'name', 'label', 'text', 'headline']) {
      if (typeof record[key] === 'string' || typeof record[key] === 'number')
        return String(record[key])
    }
    return ''
  }

  /** A JSON feed: its title, its first image large, and the first list of entries. */
  function feed(doc) {
    const data = doc.data
    const box = el('div', 'widget feed')
    box.append(el('h1', 'feed-title', label(data) || doc.name))
    const list = Object.values(data).find(
      (v) => Array.isArray(v) && v.some((x) => x && typeof x === 'object'),
    )
    const hero = Object.entries(data).find(([, v]) => isImage(v))
    if (hero) box.append(picture(hero[1], ['full', 'preview', 'thumbnail'], 'hero', doc.name))
    if (list) {
      const rows = el('ul', 'feed-items')
      for (const entry of list.slice(0, 8)) {
        if (!entry || typeof entry !== 'object') continue
        const row = el('li')
        const image = firstImage(entry, 0)
        if (image) row.append(picture(image, ['thumbnail', 'preview', 'full'], 'thumb', ''))
        row.append(el('span', '', label(entry)))
        rows.append(row)
      }
      box.append(rows)
    }
    return box
  }

  function widget(item) {
    const doc = widgets[item.widgetId]
    if (!doc) return null
    if (!doc.data) {
      return card(doc.name, 'No data yet: the integration had not fetched anything when exported.')
    }
    const shown = doc.kind === 'spotify' ? nowPlaying(doc.data) : feed(doc)
    if (doc.staleSince) shown.append(el('p', 'stale', 'Data from ' + doc.fetchedAt))
    return shown
  }

  function show(next) {
    clearTimeout(timer)
    index = (next + items.length) % items.length
    const { item, playlist } = items[index]
    const entry = media.get(item.mediaId)
    stage.dataset.index = String(index)
    stage.dataset.mediaId = item.mediaId || ''
    stage.dataset.kind = item.type || 'media'
    stage.dataset.playlist = playlist.id
    stage.dataset.state = 'playing'
    if (item.type === 'url') stage.replaceChildren(frame(item))
    else if (item.type === 'widget') {
      const shown = widget(item)
      if (shown) stage.replaceChildren(shown)
      else missing(null, item.file)
    } else if (!entry) missing(null, item.object)
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
