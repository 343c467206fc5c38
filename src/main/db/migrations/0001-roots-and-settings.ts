import type Database from 'better-sqlite3'

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE roots (
      id            INTEGER PRIMARY KEY,
      path          TEXT    NOT NULL UNIQUE,
      label         TEXT    NOT NULL,
      kind          TEXT    NOT NULL CHECK (kind IN ('local', 'network')),
      status        TEXT    NOT NULL CHECK (status IN ('online', 'offline', 'scanning')),
      status_reason TEXT,
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      key        TEXT    PRIMARY KEY,
      value      TEXT    NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
  `)
}
