import type { MarqueeBridge } from '../shared/contract'

declare global {
  interface Window {
    /** The preload bridge; absent when the renderer runs in a browser against serve mode. */
    marquee?: MarqueeBridge
  }
}

export {}
