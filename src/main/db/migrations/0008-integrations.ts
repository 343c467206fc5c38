import type Database from 'better-sqlite3'

/**
 * Integrations (docs/integrations.md): polled sources, their latest data, and the media cache
 * they fill. The integrations table is also the poll schedule (`next_poll_at`), so a restart
 * picks up where the last run left off, Retry-After included.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE integrations (
      id                 INTEGER PRIMARY KEY,
      kind               TEXT    NOT NULL CHECK (kind IN ('spotify', 'feed')),
      name               TEXT    NOT NULL,
      settings           TEXT    NOT NULL DEFAULT '{}',  -- JSON; never a secret
      credentials        BLOB,                           -- encrypted JSON (tokens, secret headers)
      interval_ms        INTEGER NOT NULL CHECK (interval_ms >= 1000),
      paused             INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
      status             TEXT    NOT NULL CHECK (status IN
                           ('needs-auth', 'connected', 'needs-reauth', 'rate-limited', 'error', 'paused')),
      last_error         TEXT,
      failures           INTEGER NOT NULL DEFAULT 0,     -- consecutive; drives the backoff
      last_fetch_at      INTEGER,
      last_success_at    INTEGER,
      stale_since        INTEGER,
      next_poll_at       INTEGER,                        -- null: not scheduled (auth, paused)
      rate_limited_until INTEGER,
      token_expires_at   INTEGER,
      created_at         INTEGER NOT NULL,
      updated_at         INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX integrations_due ON integrations (next_poll_at) WHERE next_poll_at IS NOT NULL;

    -- The latest data of each integration (kept when a later fetch fails: stale, not gone).
    CREATE TABLE integration_snapshots (
      integration_id INTEGER PRIMARY KEY REFERENCES integrations (id) ON DELETE CASCADE,
      data           TEXT    NOT NULL,                   -- JSON
      problems       TEXT    NOT NULL DEFAULT '[]',      -- JSON [{path, problem}]
      fetched_at     INTEGER NOT NULL
    ) STRICT;

    -- Cached media, one row per content (SHA-256 of the downloaded bytes), whatever URL served it.
    CREATE TABLE integration_media (
      sha256       TEXT    PRIMARY KEY,
      dir          TEXT    NOT NULL,                     -- relative to the cache directory
      mime         TEXT    NOT NULL,
      bytes        INTEGER NOT NULL,                     -- the download's size
      stored_bytes INTEGER NOT NULL,                     -- what its folder holds on disk
      width        INTEGER,
      height       INTEGER,
      variants     TEXT    NOT NULL,                     -- JSON {variant: {path, width, height, bytes}}
      created_at   INTEGER NOT NULL,
      last_used_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX integration_media_last_used ON integration_media (last_used_at);

    -- What each URL served last, and how to ask whether it changed (never a hash of the URL).
    CREATE TABLE integration_media_urls (
      url           TEXT    PRIMARY KEY,
      sha256        TEXT    NOT NULL REFERENCES integration_media (sha256) ON DELETE CASCADE,
      etag          TEXT,
      last_modified TEXT,
      checked_at    INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX integration_media_urls_sha ON integration_media_urls (sha256);

    -- Who uses a cached item: an integration's current data, a playlist, a bundle. Referenced
    -- items are never removed by retention.
    CREATE TABLE integration_media_refs (
      sha256     TEXT NOT NULL REFERENCES integration_media (sha256) ON DELETE CASCADE,
      owner_kind TEXT NOT NULL CHECK (owner_kind IN ('integration', 'playlist', 'bundle')),
      owner_id   TEXT NOT NULL,
      PRIMARY KEY (sha256, owner_kind, owner_id)
    ) STRICT;
    CREATE INDEX integration_media_refs_owner ON integration_media_refs (owner_kind, owner_id);

    CREATE TRIGGER integration_refs_gone AFTER DELETE ON integrations BEGIN
      DELETE FROM integration_media_refs
      WHERE owner_kind = 'integration' AND owner_id = CAST(old.id AS TEXT);
    END;
  `)
}
