/**
 * Changes sent to the core one after another, each answered with the whole new state: only the
 * answer to the latest change is shown. Holding Alt+↓ sends moves faster than the core answers;
 * showing an earlier answer would put the row back, and the next press would start from there.
 * The core answers in the order it was asked, so the latest answer holds every earlier change.
 */
export function createLatestAnswer<T>(show: (answer: T) => void) {
  let sent = 0
  return {
    /** Runs `work`; shows its answer unless a later change was sent meanwhile. Errors propagate. */
    async send(work: () => Promise<T>): Promise<T> {
      const mine = ++sent
      const answer = await work()
      if (mine === sent) show(answer)
      return answer
    },
  }
}
