import { partOf, placeOf, record } from './import-copy'
import type { ImportDeps, RunContext } from './import-run'

/**
 * One import after a stop or a crash (the lock holder, at start): uploads under way keep their
 * parts for the page to resume (docs/decisions.md, "Imports"); parts of copies under way are removed and the
 * files copied again; a copy that was complete is placed, or found already placed by its inode.
 */
export async function recoverFiles(ctx: RunContext, deps: ImportDeps): Promise<void> {
  for (const file of deps.imports.files(ctx.row.id)) {
    if (file.kind === 'upload' && (file.status === 'pending' || file.status === 'copying')) {
      // Kept for its page, which resumes from the part's end (tus HEAD); a part lost meanwhile
      // starts again empty. The grace period fails what no page comes back for.
      if (file.part && (await deps.parts.sizeOf(file.part)) === null)
        await deps.parts.create(file.part)
    } else if (file.status === 'copying') {
      await deps.files.run({ op: 'remove', paths: [file.part ?? partOf(ctx, file)] })
      deps.imports.markPending(file.id, deps.now())
    } else if (file.status === 'committing') {
      const part = file.part ?? partOf(ctx, file)
      const { abs, name } = placeOf(ctx, file.relPath)
      const found = await deps.files.run({
        op: 'recover',
        part,
        dir: abs,
        name,
        inode: file.partInode ?? '',
      })
      const copied = { sha256: file.sha256!, fingerprint: file.fingerprint! }
      if (found.state === 'committed') record(ctx, deps, file.id, found.file, copied)
      else if (found.state === 'part')
        record(
          ctx,
          deps,
          file.id,
          await deps.files.run({ op: 'commit', part, dir: abs, name }),
          copied,
        )
      else deps.imports.markPending(file.id, deps.now())
    }
  }
}
