// The gallery benchmark's library of N assets, made once under $BENCH_DIR/gallery-<N> and reused:
//   root/   a real folder tree of N sparse files (sizes and mtimes of the plan, no blocks), so the
//           rescan `marquee serve` starts finds every file unchanged and marks nothing missing;
//   data/   a data directory: `marquee index root/` (the real scanner inserts the rows), then
//           one transaction sets what processing would have found (status, hash, dimensions,
//           metadata, dates, ratings, tags) and adds the derivatives of each content
//           (gallery-thumbs.mjs), as a processed library has; then `marquee serve` runs until
//           its search index has caught up with every row.
import { closeSync, existsSync, futimesSync, ftruncateSync, mkdirSync } from 'node:fs'
import { openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { benchDir, ensureBuilt, marquee, onlyScan, repo } from './marquee.mjs'
import { FOLDERS, folderOf, MIME, planIndex, planOf } from './gallery-plan.mjs'
import { ensureThumbs, linkThumbs, THUMBS_VERSION } from './gallery-thumbs.mjs'
import { startServe } from './stream.mjs'

/** Assets the search index has not caught up with (migration 0006's bookkeeping). */
const PENDING_SQL = `SELECT (SELECT count(*) FROM assets
  WHERE id > (SELECT indexed_upto FROM search_state WHERE id = 1))
  + (SELECT count(*) FROM search_pending) AS n`
const SEARCH_INDEX_TIMEOUT_MS = 30 * 60_000

/** Bump when the plan or the rows change; the tree has its own version (it is slower to make). */
const TREE_VERSION = 1
const DATA_VERSION = 2

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null)

/** The migrations' names and contents: a library made under other migrations is made again. */
function schemaKey() {
  const dir = join(repo, 'src', 'main', 'db', 'migrations')
  const hash = createHash('sha256')
  for (const name of readdirSync(dir).sort())
    hash.update(name).update(readFileSync(join(dir, name)))
  return hash.digest('hex').slice(0, 16)
}

/** N sparse files as the plan lays them out; returns the milliseconds it took. */
function makeTree(n, dir, log) {
  rmSync(dir, { recursive: true, force: true })
  const started = performance.now()
  for (let f = 0; f < Math.min(n, FOLDERS); f++)
    mkdirSync(join(dir, folderOf(f)), { recursive: true })
  for (let i = 0; i < n; i++) {
    const plan = planOf(i)
    const fd = openSync(join(dir, plan.dir, plan.name), 'w')
    try {
      ftruncateSync(fd, plan.size)
      futimesSync(fd, plan.mtimeMs / 1000, plan.mtimeMs / 1000)
    } finally {
      closeSync(fd)
    }
    if ((i + 1) % 100_000 === 0) log(`gallery: ${i + 1} of ${n} files`)
  }
  return performance.now() - started
}

const orientationOf = (w, h) =>
  w === null ? null : w === h ? 'square' : w > h ? 'landscape' : 'portrait'

/** The metadata namespaces processing would have stored (a small part of exiftool's output). */
function metadataOf(plan) {
  const { content, camera } = plan
  if (plan.status !== 'ready') return '{}'
  if (plan.type === 'image') {
    const exif = {
      ImageWidth: content.width,
      ImageHeight: content.height,
      FileType: plan.ext.toUpperCase(),
      Keywords: plan.keywords,
    }
    if (camera) {
      Object.assign(exif, {
        Make: camera[0],
        Model: camera[1],
        LensModel: camera[2],
        DateTimeOriginal: new Date(plan.takenMs).toISOString(),
        ISO: 100 * (1 + (plan.i % 32)),
        FNumber: 2.8,
        ExposureTime: '1/125',
        FocalLength: '50.0 mm',
        Orientation: 1,
      })
    } else exif.Software = 'Adobe Photoshop 25.0'
    return JSON.stringify({ exif })
  }
  if (plan.type === 'document')
    return JSON.stringify({ pdf: { pages: 1 + (plan.i % 12), author: 'Marketing' } })
  const hasVideo = plan.type === 'video'
  return JSON.stringify({
    ffprobe: {
      hasVideo,
      hasAudio: true,
      videoCodec: hasVideo ? 'h264' : null,
      audioCodec: 'aac',
      width: content.width,
      height: content.height,
      durationMs: content.durationMs,
    },
  })
}

/** Sets what processing would have found on every row, in one transaction. */
function fill(databasePath, thumbs, log) {
  const started = performance.now()
  const db = new Database(databasePath)
  db.pragma('foreign_keys = ON')
  const columns = new Set(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('assets'))
  const hasTags =
    db
      .prepare(`SELECT count(*) FROM sqlite_schema WHERE name IN ('tags', 'asset_tags')`)
      .pluck()
      .get() === 2
  const takenSet = columns.has('taken_ms') ? ', taken_ms = @takenMs' : ''
  const update = db.prepare(`UPDATE assets SET status = @status, error = @error, sha256 = @sha256,
    mime = @mime, width = @width, height = @height, duration_ms = @durationMs,
    orientation = @orientation, codecs = @codecs, rating = @rating, title = @title,
    description = @description, metadata = @metadata${takenSet} WHERE id = @id`)
  const derivative = db.prepare(`INSERT OR REPLACE INTO derivatives
    (sha256, variant, path, width, height, bytes, mime, created_at)
    VALUES (?, ?, ?, ?, ?, ?, 'image/webp', ?)`)
  const tagId = new Map()
  const addTag = hasTags ? db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)') : null
  const tagAsset = hasTags
    ? db.prepare('INSERT OR IGNORE INTO asset_tags (asset_id, tag_id) VALUES (?, ?)')
    : null
  const rows = db.prepare('SELECT id, dir, name FROM assets').raw().all()
  const now = Date.now()
  const unplanned = []
  const counts = { assets: rows.length, byStatus: {}, byType: {}, tagged: 0, derivatives: 0 }
  db.transaction(() => {
    // Processing is done (or, for queued assets, not started): nothing runs in the background.
    db.prepare('DELETE FROM jobs').run()
    for (const [sha256, variants] of Object.entries(thumbs.made)) {
      const rel = linkThumbs(thumbs, join(databasePath, '..', 'cache'), sha256)
      for (const [variant, v] of Object.entries(variants)) {
        derivative.run(sha256, variant, `${rel}/${variant}.webp`, v.width, v.height, v.bytes, now)
        counts.derivatives++
      }
    }
    for (const [id, dir, name] of rows) {
      const i = planIndex(dir, name)
      if (i < 0) {
        unplanned.push(`${dir}/${name}`)
        continue
      }
      const plan = planOf(i)
      const ready = plan.status === 'ready'
      const { content } = plan
      update.run({
        id,
        status: plan.status,
        error: plan.error,
        sha256: ready ? content.sha256 : null,
        mime: plan.status === 'queued' ? null : MIME[plan.ext],
        width: ready ? content.width : null,
        height: ready ? content.height : null,
        durationMs: ready ? content.durationMs : null,
        orientation: ready ? orientationOf(content.width, content.height) : null,
        codecs:
          ready && plan.type === 'video' ? 'h264/aac' : ready && content.durationMs ? 'aac' : null,
        rating: plan.rating,
        title: plan.title,
        description: plan.description,
        metadata: metadataOf(plan),
        takenMs: ready ? plan.takenMs : null,
      })
      counts.byStatus[plan.status] = (counts.byStatus[plan.status] ?? 0) + 1
      counts.byType[plan.type] = (counts.byType[plan.type] ?? 0) + 1
      if (hasTags && plan.tags.length) {
        counts.tagged++
        for (const name of plan.tags) {
          if (!tagId.has(name)) tagId.set(name, addTag.run(name, now).lastInsertRowid)
          tagAsset.run(id, tagId.get(name))
        }
      }
    }
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  if (unplanned.length)
    throw new Error(`${unplanned.length} indexed files are not in the plan, e.g. ${unplanned[0]}`)
  if (!hasTags) counts.tagged = null
  log(`gallery: rows filled in ${(performance.now() - started) / 1000} s`)
  return { ms: performance.now() - started, counts, schema: { takenMs: takenSet !== '', hasTags } }
}

/**
 * Search is indexed by the running instance, in batches, after the rows change. A library a user
 * has had open for a while has caught up, so the benchmark's has too: `marquee serve` runs on it
 * until nothing is pending. Returns the milliseconds that took.
 */
async function catchUpSearch(dataDir, log) {
  const started = performance.now()
  const db = new Database(join(dataDir, 'library.db'), { readonly: true })
  const pending = () => db.prepare(PENDING_SQL).get().n
  log(`gallery: marquee serve indexes search (${pending()} pending)…`)
  const serve = await startServe(dataDir)
  try {
    while (pending() > 0) {
      if (performance.now() - started > SEARCH_INDEX_TIMEOUT_MS)
        throw new Error(`search still had ${pending()} assets to index after 30 min`)
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  } finally {
    db.close()
    await serve.stop()
  }
  return performance.now() - started
}

/**
 * The library of `n` assets, made or reused: `{ dir, rootDir, dataDir, made }` where `made` holds
 * how long each part took when it was made (and whether this run reused it).
 */
export async function ensureLibrary(n, log) {
  const dir = join(benchDir, `gallery-${n}`)
  const rootDir = join(dir, 'root')
  const dataDir = join(dir, 'data')
  mkdirSync(dir, { recursive: true })
  const thumbs = await ensureThumbs(log)

  const treeMarker = join(dir, 'root.json')
  let tree = readJson(treeMarker)
  const treeReused = tree?.version === TREE_VERSION && tree.n === n && existsSync(rootDir)
  if (!treeReused) {
    rmSync(treeMarker, { force: true })
    rmSync(join(dir, 'data.json'), { force: true })
    log(`gallery: making a tree of ${n} sparse files…`)
    tree = { version: TREE_VERSION, n, ms: makeTree(n, rootDir, log) }
    writeFileSync(treeMarker, JSON.stringify(tree))
  }

  const dataMarker = join(dir, 'data.json')
  // The rows point at the thumbnails' files: new pictures need a new data directory.
  const schema = `${schemaKey()}-t${THUMBS_VERSION}`
  let data = readJson(dataMarker)
  const reused = data?.version === DATA_VERSION && data.schema === schema && existsSync(dataDir)
  if (!reused) {
    rmSync(dataMarker, { force: true })
    rmSync(dataDir, { recursive: true, force: true })
    mkdirSync(dataDir, { recursive: true })
    ensureBuilt()
    log(`gallery: marquee index of ${n} files…`)
    const index = marquee(dataDir, ['index', rootDir])
    const scan = onlyScan(index)
    if (scan.seen !== n) throw new Error(`index saw ${scan.seen} files, expected ${n}`)
    const filled = fill(join(dataDir, 'library.db'), thumbs, log)
    const searchMs = await catchUpSearch(dataDir, log)
    data = {
      version: DATA_VERSION,
      schema,
      n,
      indexMs: index.ms,
      fillMs: filled.ms,
      searchMs,
      counts: filled.counts,
      columns: filled.schema,
    }
    writeFileSync(dataMarker, JSON.stringify(data))
  }
  return {
    dir,
    rootDir,
    dataDir,
    made: {
      treeMs: tree.ms,
      thumbsMs: thumbs.ms,
      indexMs: data.indexMs,
      fillMs: data.fillMs,
      searchMs: data.searchMs,
      reused: { thumbs: thumbs.reused, tree: treeReused, data: reused },
    },
    counts: data.counts,
    columns: data.columns,
  }
}
