import { isAbsolute } from 'node:path'
import type { NodeKind } from '../../shared/graph'

/** A parsed node: `num` holds integer ids (asset, collection, root; a folder's root), `text` the rest. */
export type GraphNode =
  | { kind: 'asset' | 'collection' | 'root' | 'integration'; num: number; text: '' }
  | { kind: 'bundle'; num: 0; text: string }
  /** `text`: the content's SHA-256 (media), or `<sha256>:<variant>` (rendition). */
  | { kind: 'media' | 'rendition'; num: 0; text: string }
  | { kind: 'folder'; num: number; text: string }

export type NodeRef = GraphNode | { kind: 'path'; path: string }

const ID = /^[1-9]\d{0,15}$/
const SHA256 = /^[0-9a-f]{64}$/
// Variant names: small, medium, large, preview, export:<profile id>[@rev][:audio|silent]
// (a profile id is the user's): anything but control characters, which trails use.
// eslint-disable-next-line no-control-regex
const VARIANT = /^[^\x00-\x1f]{1,200}$/

/**
 * Reads a node name. Throws a sentence that says what a node looks like when it cannot.
 * A folder's relative path is '/'-separated without leading or trailing slashes; `folder:<r>:`
 * (the empty path) is the root itself.
 */
export function parseNode(value: string): NodeRef {
  if (isAbsolute(value)) return { kind: 'path', path: value }
  const colon = value.indexOf(':')
  const kind = value.slice(0, colon)
  const rest = value.slice(colon + 1)
  if (colon > 0) {
    if (
      (kind === 'asset' || kind === 'collection' || kind === 'root' || kind === 'integration') &&
      ID.test(rest)
    )
      return { kind, num: Number(rest), text: '' }
    if (kind === 'media' && SHA256.test(rest)) return { kind, num: 0, text: rest }
    if (kind === 'rendition' && SHA256.test(rest.slice(0, 64)) && rest[64] === ':')
      if (VARIANT.test(rest.slice(65))) return { kind, num: 0, text: rest }
    if (kind === 'bundle' && /^[\w-]{1,100}$/.test(rest)) return { kind, num: 0, text: rest }
    if (kind === 'folder') {
      const sep = rest.indexOf(':')
      const root = rest.slice(0, sep)
      const path = rest.slice(sep + 1)
      if (sep > 0 && ID.test(root) && validFolder(path))
        return path === ''
          ? { kind: 'root', num: Number(root), text: '' }
          : { kind, num: Number(root), text: path }
    }
  }
  throw new Error(
    `"${value}" is not a node. Use asset:<id>, collection:<id>, bundle:<id>, root:<id>, ` +
      'folder:<rootId>:<relative/path>, integration:<id>, media:<sha256>, ' +
      'rendition:<sha256>:<variant> or an absolute file path.',
  )
}

function validFolder(path: string): boolean {
  if (path === '') return true
  return path
    .split('/')
    .every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\0'))
}

/** The canonical name of a node (what the graph answers with). */
export function nodeName(node: GraphNode): string {
  switch (node.kind) {
    case 'bundle':
    case 'media':
    case 'rendition':
      return `${node.kind}:${node.text}`
    case 'folder':
      return `folder:${node.num}:${node.text}`
    default:
      return `${node.kind}:${node.num}`
  }
}

export function isKind(node: GraphNode, ...kinds: NodeKind[]): boolean {
  return kinds.includes(node.kind)
}
