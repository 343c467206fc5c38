import { partOf, placeOf, record } from './import-copy'
import type { ImportDeps, RunContext } from './import-run'

/**
 * One import after a stop or a crash (the lock holder, at start): uploads under way cannot be
 * resumed (the browser is gone) and are reported; parts of copies under way are removed and the
 * files copied again; a copy that was complete is placed, or found already placed by its inode.
 */
export async function recoverFiles(ctx: RunContext, deps: ImportDeps): Promise<void> {
  for (const file of deps.imports.files(ctx.row.id)) {
    if (file.kind === 'upload' && (file.status === 'pending' || file.status === 'copying')) {
      if (file.part) await deps.files.run({ op: 'remove', paths: [file.part] })
      deps.imports.markFailed(
        file.id,
        `The upload of ${file.relPath} did not finish before Marquee stopped: drop it again (files of the drop already in the library are found before any byte moves).`,
        deps.now(),
      )
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
