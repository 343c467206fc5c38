import { describe, expect, it } from 'vitest'
import { inboxProblem, normalInbox } from '../../src/renderer/src/lib/inbox-path'

describe('an inbox folder typed in the page', () => {
  it('takes folders inside the root, normalising separators', () => {
    for (const ok of ['Inbox', 'Incoming/Drops', 'Drops\\Lobby', ' Inbox/ ', 'a..b'])
      expect(inboxProblem(ok), ok).toBeNull()
    expect(normalInbox(' Drops\\Lobby//2026/ ')).toBe('Drops/Lobby/2026')
  })

  it('refuses absolute paths, .., hidden folders and nothing', () => {
    expect(inboxProblem('/mnt/Inbox')).toMatch(/not a full path/)
    expect(inboxProblem('C:\\Media')).toMatch(/not a full path/)
    expect(inboxProblem('Inbox/../../etc')).toMatch(/“\.\.” is not allowed/)
    expect(inboxProblem('Inbox/.hidden')).toMatch(/hidden/)
    expect(inboxProblem(' / ')).not.toBeNull()
    expect(inboxProblem('')).toMatch(/Give a folder name/)
  })
})
