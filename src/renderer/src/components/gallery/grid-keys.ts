import type { Move } from '../../lib/grid-layout'

export type GridKeyAction =
  | { kind: 'move'; move: Move; extend: boolean }
  | { kind: 'open' }
  | { kind: 'quickLook' }
  | { kind: 'toggle' }
  | { kind: 'selectAll' }
  | { kind: 'clear' }
  | { kind: 'delete' }
  | { kind: 'zoom'; step: 1 | -1 }
  | { kind: 'inspector' }

const MOVES: Record<string, Move> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
}

/** The gallery's keyboard, as data: which action a key press asks for, if any. */
export function gridKeyAction(event: KeyboardEvent): GridKeyAction | null {
  if (event.altKey) return null
  const mod = event.ctrlKey || event.metaKey
  const move = MOVES[event.key]
  if (move) return { kind: 'move', move, extend: event.shiftKey }
  switch (event.key) {
    case 'Enter':
      return mod ? null : { kind: 'open' }
    case ' ':
      return mod ? { kind: 'toggle' } : { kind: 'quickLook' }
    case 'Escape':
      return { kind: 'clear' }
    case 'Delete':
      return mod ? null : { kind: 'delete' }
    case '+':
    case '=':
      return mod ? null : { kind: 'zoom', step: 1 }
    case '-':
    case '_':
      return mod ? null : { kind: 'zoom', step: -1 }
  }
  if (mod && !event.shiftKey && event.key.toLowerCase() === 'a') return { kind: 'selectAll' }
  if (!mod && !event.shiftKey && event.key === 'i') return { kind: 'inspector' }
  return null
}
