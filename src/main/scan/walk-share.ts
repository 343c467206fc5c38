import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import { ruleSet, type RuleSet } from './filters'
import type { PendingFolder, WalkShare } from './walk'

/**
 * Two walkers of one root share its folders (docs/indexing.md, "Speed", round 7): a rescan
 * waits for its walk, and one walker used one core of two. Each walks depth-first from its own
 * stack; one that runs out says so in the shared state and waits, and the other, before its
 * next folder, hands it its oldest pending folder (the shallowest: the biggest subtree left).
 * When both have run out, no folder is pending anywhere (a walker hands folders over only from
 * its stack, and says it has run out only once its stack is empty and its folder is listed), so
 * both end. Folders travel on a channel between the two threads, read synchronously: the walk
 * never returns to the event loop.
 */
export interface WalkShareData {
  /** The walkers' channel (each has one end). */
  port: MessagePort
  /** Int32Array: per walker, 1 while it waits for a folder; then a change counter to wait on. */
  state: SharedArrayBuffer
  /** Which walker this is: 0 lists the root. */
  self: 0 | 1
}

export const WALK_SHARE_SLOTS = 3
const CHANGES = 2
/** A wait is woken by every change; the timeout only bounds a wake-up that was missed. */
const WAIT_MS = 50

interface FolderMessage {
  dir: string
  depth: number
  rules: Array<Pick<RuleSet, 'base' | 'patterns'>>
}

export function walkShare({ port, state, self }: WalkShareData): WalkShare & { leave(): void } {
  const flags = new Int32Array(state)
  const peer = 1 - self
  const changed = (): void => {
    Atomics.add(flags, CHANGES, 1)
    Atomics.notify(flags, CHANGES)
  }
  return {
    listsRoot: self === 0,
    offer(pending) {
      // Keep one: handing over the last would only make this walker wait in turn.
      if (pending.length < 2 || Atomics.load(flags, peer) !== 1) return
      const { dir, depth, rules } = pending.shift()!
      const message: FolderMessage = {
        dir,
        depth,
        rules: rules.map(({ base, patterns }) => ({ base, patterns })),
      }
      // Posted before the flag is cleared: a walker that sees its flag cleared finds the folder.
      port.postMessage(message)
      Atomics.store(flags, peer, 0)
      changed()
    },
    wait() {
      Atomics.store(flags, self, 1)
      changed()
      for (;;) {
        const seen = Atomics.load(flags, CHANGES)
        if (Atomics.load(flags, self) === 0) {
          const received = receiveMessageOnPort(port)
          if (received) return toPending(received.message as FolderMessage)
        } else if (Atomics.load(flags, peer) === 1) {
          return null
        }
        Atomics.wait(flags, CHANGES, seen, WAIT_MS)
      }
    },
    /** This walker stops (its walk failed): the other must not wait for it. */
    leave() {
      Atomics.store(flags, self, 1)
      changed()
    },
  }
}

function toPending({ dir, depth, rules }: FolderMessage): PendingFolder {
  return { dir, depth, rules: rules.map(({ base, patterns }) => ruleSet(base, patterns)!) }
}
