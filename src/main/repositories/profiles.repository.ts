import { transaction } from '../db/transaction'
import type { CollectionKind } from '../../shared/domain'
import type { Db } from '../db/connection'
import type { CustomProfileSpec } from '../export/custom-profile'
import type { ImageFormat } from '../export/profiles'

interface ProfileRow {
  name: string
  max_width: number
  max_height: number
  level: string
  max_bit_rate: number
  image_format: ImageFormat
}

/** Custom player profiles, and which profile each collection is set to. */
export class ProfilesRepository {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      list: db.prepare<[], ProfileRow>('SELECT * FROM player_profiles ORDER BY name'),
      byName: db.prepare<[string], ProfileRow>('SELECT * FROM player_profiles WHERE name = ?'),
      add: db.prepare<[string, number, number, string, number, string, number]>(
        `INSERT INTO player_profiles (name, max_width, max_height, level, max_bit_rate,
           image_format, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      remove: db.prepare<[string]>('DELETE FROM player_profiles WHERE name = ?'),
      usedBy: db.prepare<[string], { kind: CollectionKind; name: string }>(
        'SELECT kind, name FROM collections WHERE profile = ? COLLATE NOCASE ORDER BY kind, name',
      ),
      usage: db.prepare<[], { profile: string; kind: CollectionKind; name: string }>(
        'SELECT profile, kind, name FROM collections ORDER BY kind, name',
      ),
      fallBack: db.prepare<[string, string]>(
        'UPDATE collections SET profile = ? WHERE profile = ? COLLATE NOCASE',
      ),
      setProfile: db.prepare<[string, number, number]>(
        'UPDATE collections SET profile = ?, updated_at = ? WHERE id = ?',
      ),
      profileOf: db.prepare<[number], { profile: string }>(
        'SELECT profile FROM collections WHERE id = ?',
      ),
    }
  }

  list(): CustomProfileSpec[] {
    return this.s.list.all().map(toSpec)
  }

  byName(name: string): CustomProfileSpec | undefined {
    const row = this.s.byName.get(name)
    return row ? toSpec(row) : undefined
  }

  add(spec: CustomProfileSpec, now: number): void {
    this.s.add.run(
      spec.name,
      spec.maxWidth,
      spec.maxHeight,
      spec.level,
      spec.maxBitRate,
      spec.imageFormat,
      now,
    )
  }

  /** Deletes the profile and sets its collections to `fallback`; answers which ones moved. */
  remove(name: string, fallback: string): Array<{ kind: CollectionKind; name: string }> {
    return transaction(this.db, () => {
      const moved = this.s.usedBy.all(name)
      this.s.fallBack.run(fallback, name)
      this.s.remove.run(name)
      return moved
    })
  }

  /** Profile id → the collections set to it. */
  usage(): Map<string, string[]> {
    const usage = new Map<string, string[]>()
    for (const row of this.s.usage.all()) {
      const key = row.profile.toLowerCase()
      usage.set(key, [...(usage.get(key) ?? []), `${row.kind} ${row.name}`])
    }
    return usage
  }

  profileOf(collectionId: number): string | undefined {
    return this.s.profileOf.get(collectionId)?.profile
  }

  setProfile(collectionId: number, profile: string, now: number): void {
    this.s.setProfile.run(profile, now, collectionId)
  }
}

function toSpec(row: ProfileRow): CustomProfileSpec {
  return {
    name: row.name,
    maxWidth: row.max_width,
    maxHeight: row.max_height,
    level: row.level,
    maxBitRate: row.max_bit_rate,
    imageFormat: row.image_format,
  }
}
