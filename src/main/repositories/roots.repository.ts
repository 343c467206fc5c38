import type { Root, RootKind, RootStatus } from '../../shared/domain'
import type { Db } from '../db/connection'

interface RootRow {
  id: number
  path: string
  label: string
  kind: RootKind
  status: RootStatus
  status_reason: string | null
  created_at: number
  updated_at: number
}

const toRoot = (row: RootRow): Root => ({
  id: row.id,
  path: row.path,
  label: row.label,
  kind: row.kind,
  status: row.status,
  statusReason: row.status_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

export interface NewRoot {
  path: string
  label: string
  kind: RootKind
  status: RootStatus
  statusReason: string | null
  now: number
}

export class RootsRepository {
  private readonly statements

  constructor(db: Db) {
    this.statements = {
      list: db.prepare<[], RootRow>('SELECT * FROM roots ORDER BY label COLLATE NOCASE, id'),
      get: db.prepare<[number], RootRow>('SELECT * FROM roots WHERE id = ?'),
      insert: db.prepare<[string, string, RootKind, RootStatus, string | null, number, number]>(
        `INSERT INTO roots (path, label, kind, status, status_reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare<[string, RootKind, number, number]>(
        'UPDATE roots SET label = ?, kind = ?, updated_at = ? WHERE id = ?',
      ),
      setStatus: db.prepare<[RootStatus, string | null, number, number]>(
        'UPDATE roots SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?',
      ),
      remove: db.prepare<[number]>('DELETE FROM roots WHERE id = ?'),
    }
  }

  list(): Root[] {
    return this.statements.list.all().map(toRoot)
  }

  get(id: number): Root | undefined {
    const row = this.statements.get.get(id)
    return row ? toRoot(row) : undefined
  }

  insert(root: NewRoot): Root {
    const { lastInsertRowid } = this.statements.insert.run(
      root.path,
      root.label,
      root.kind,
      root.status,
      root.statusReason,
      root.now,
      root.now,
    )
    return this.get(Number(lastInsertRowid))!
  }

  update(id: number, label: string, kind: RootKind, now: number): Root | undefined {
    this.statements.update.run(label, kind, now, id)
    return this.get(id)
  }

  setStatus(id: number, status: RootStatus, reason: string | null, now: number): void {
    this.statements.setStatus.run(status, reason, now, id)
  }

  remove(id: number): boolean {
    return this.statements.remove.run(id).changes > 0
  }
}
