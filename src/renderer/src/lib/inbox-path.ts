/**
 * The rules of an inbox folder, checked as the user types so the form can say what is wrong
 * before saving. The core checks the same rules again (`roots.update`); its answer is final.
 */
export function inboxProblem(value: string): string | null {
  const text = value.trim().replace(/\\/g, '/')
  if (text === '') return 'Give a folder name, like “Inbox” or “Incoming/Drops”.'
  if (text.startsWith('/') || /^[A-Za-z]:/.test(text))
    return 'Give a folder inside the library folder, not a full path: “Inbox”, not “/mnt/Inbox”.'
  const segments = text.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..'))
    return 'The inbox must stay inside the library folder: “..” is not allowed.'
  if (segments.some((s) => s.startsWith('.')))
    return 'Folder names starting with “.” are hidden and never indexed: choose another name.'
  return null
}

/** The inbox as it is stored: '/'-separated, no empty segments. */
export const normalInbox = (value: string): string =>
  value
    .trim()
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '')
    .join('/')
