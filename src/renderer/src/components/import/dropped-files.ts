/**
 * What a drop on the page holds: files, with the folders they came in walked (their inner paths
 * kept, `Promo/sub/a.jpg`). Dotfiles and the litter operating systems and NAS boxes leave in
 * folders are left out, as the scanner leaves them out.
 */
export interface DroppedFile {
  file: File
  /** '/'-separated path inside the drop. */
  name: string
}

const LITTER = new Set(['thumbs.db', 'desktop.ini', '@eadir', '#recycle', '#snapshot'])

export const isLitter = (name: string): boolean =>
  name.startsWith('.') || LITTER.has(name.toLowerCase())

/** Whether a drag carries files (not text or a link dragged from the page). */
export function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && [...transfer.types].includes('Files')
}

/** Every file of the drop, folders walked; their entries must be taken before the event ends. */
export async function filesOf(transfer: DataTransfer): Promise<DroppedFile[]> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null)
  if (entries.length === 0 || entries.some((e) => e === null))
    return [...transfer.files].map((file) => ({ file, name: file.name }))
  const found: DroppedFile[] = []
  for (const entry of entries) await walk(entry!, '', found)
  return found
}

async function walk(entry: FileSystemEntry, parent: string, found: DroppedFile[]): Promise<void> {
  if (isLitter(entry.name) && parent !== '') return
  const name = parent ? `${parent}/${entry.name}` : entry.name
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    )
    found.push({ file, name })
    return
  }
  if (!entry.isDirectory) return
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  // readEntries answers in batches (100 in Chromium) until it answers none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    )
    if (batch.length === 0) return
    for (const child of batch) await walk(child, name, found)
  }
}
