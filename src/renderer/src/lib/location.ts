/** The page's hash, the one piece of view state that survives a reload. */
export function currentHash(): string {
  return location.hash
}

export function onHashChange(listener: (hash: string) => void): () => void {
  const handler = (): void => listener(location.hash)
  window.addEventListener('hashchange', handler)
  return () => window.removeEventListener('hashchange', handler)
}

/** Changes the hash without adding a history entry (for redirects). */
export function replaceHash(hash: string): void {
  history.replaceState(history.state, '', hash)
}

export function pushHash(hash: string): void {
  location.hash = hash
}
