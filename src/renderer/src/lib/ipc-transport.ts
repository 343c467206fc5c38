import type { MarqueeBridge } from '../../../shared/contract'
import { unavailable, type Transport } from './transport'

/** The desktop app: the preload bridge is in-process, so it is always connected. */
export function createIpcTransport(bridge: MarqueeBridge): Transport {
  return {
    face: 'electron',
    invoke: (method, args) =>
      bridge
        .invoke(method, args)
        .catch(() =>
          unavailable(
            `The Marquee core did not answer "${method}". Restart Marquee if this repeats.`,
          ),
        ),
    subscribe: (listener) => bridge.subscribe(listener),
    watchState: (listener) => listener('connected'),
    retry: () => {},
    pickFolder: (purpose) => bridge.shell.pickFolder(purpose),
    dragOut: (ids) => bridge.shell.dragOut(ids),
  }
}
