import Database from 'better-sqlite3'
import { statSync, writeFileSync, chmodSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { KeyFileBox, RandomRepository } from '../../src/main/repositories/secrets.repository'
import { tempDir } from '../support/temp'

describe('credentials at rest (key file)', () => {
  it('seals with AES-256-GCM under a 0600 key file, and opens what it sealed', async () => {
    const dir = tempDir()
    const box = new KeyFileBox(dir)
    const sealed = await box.seal('{"refreshToken":"r-secret"}')
    expect(sealed.toString('latin1')).not.toContain('r-secret')
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600)
    expect(await new KeyFileBox(dir).open(sealed)).toBe('{"refreshToken":"r-secret"}')
    // Two seals of the same text differ (a fresh IV each time).
    expect((await box.seal('x')).equals(await box.seal('x'))).toBe(false)
  })

  it('refuses a tampered blob, one sealed by the app’s keychain, and tightens a loose key file', async () => {
    const dir = tempDir()
    const box = new KeyFileBox(dir)
    const sealed = await box.seal('secret')
    const tampered = Buffer.from(sealed)
    tampered[tampered.length - 1]! ^= 1
    await expect(box.open(tampered)).rejects.toThrow(/could not be decrypted/)
    await expect(box.open(Buffer.from([0x02, 1, 2, 3]))).rejects.toThrow(/desktop app/)
    chmodSync(join(dir, 'secrets.key'), 0o644)
    await new KeyFileBox(dir).seal('again')
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600)
    writeFileSync(join(dir, 'secrets.key'), 'short')
    await expect(new KeyFileBox(dir).seal('x')).rejects.toThrow(/not a Marquee key file/)
  })

  it('makes PKCE challenges as RFC 7636 says (S256 of the verifier, base64url)', () => {
    const random = new RandomRepository()
    // RFC 7636 appendix B.
    expect(random.challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
    expect(random.token(48)).toMatch(/^[\w-]{64}$/)
    expect(random.same('abc', 'abc')).toBe(true)
    expect(random.same('abc', 'abd')).toBe(false)
    expect(random.same('abc', 'ab')).toBe(false)
  })
})

describe('migration: integrations', () => {
  const version = MIGRATIONS.findIndex((m) => m.name === 'integrations') + 1

  it('creates STRICT integration tables, keeps one URL per row and drops data with its integration', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, version))
    const strict = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'integration%' AND sql LIKE '%STRICT'",
      )
      .all()
      .map((r) => (r as { name: string }).name)
      .sort()
    expect(strict).toEqual([
      'integration_media',
      'integration_media_refs',
      'integration_media_urls',
      'integration_snapshots',
      'integrations',
    ])
    const insert = db.prepare(
      `INSERT INTO integrations (kind, name, interval_ms, status, created_at, updated_at) VALUES (?, 'x', 15000, ?, 0, 0)`,
    )
    expect(() => insert.run('radio', 'connected')).toThrow(/CHECK/)
    expect(() => insert.run('spotify', 'sleepy')).toThrow(/CHECK/)
    const id = Number(insert.run('spotify', 'needs-auth').lastInsertRowid)
    db.prepare(`INSERT INTO integration_snapshots VALUES (?, '{}', '[]', 0)`).run(id)
    db.prepare(
      `INSERT INTO integration_media VALUES ('s', 'integrations/d/s', 'image/jpeg', 1, 1, 1, 1, '{}', 0, 0)`,
    ).run()
    db.prepare(`INSERT INTO integration_media_urls VALUES ('http://a', 's', NULL, NULL, 0)`).run()
    db.prepare(`INSERT INTO integration_media_refs VALUES ('s', 'integration', ?)`).run(String(id))
    db.prepare(`INSERT INTO integration_media_refs VALUES ('s', 'playlist', '4')`).run()
    db.prepare('DELETE FROM integrations WHERE id = ?').run(id)
    expect(db.prepare('SELECT count(*) AS n FROM integration_snapshots').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT owner_kind FROM integration_media_refs').all()).toEqual([
      { owner_kind: 'playlist' },
    ])
    db.prepare("DELETE FROM integration_media WHERE sha256 = 's'").run()
    expect(db.prepare('SELECT count(*) AS n FROM integration_media_urls').get()).toEqual({ n: 0 })
    db.close()
  })

  it('finds due polls through an index', () => {
    const db = new Database(join(tempDir(), 'library.db'))
    migrate(db, MIGRATIONS.slice(0, version))
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id FROM integrations WHERE next_poll_at IS NOT NULL AND next_poll_at <= ? AND paused = 0 ORDER BY next_poll_at',
      )
      .all(0)
      .map((r) => (r as { detail: string }).detail)
      .join('\n')
    expect(plan).toMatch(/integrations_due/)
    db.close()
  })
})
