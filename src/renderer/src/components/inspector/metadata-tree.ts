/**
 * Metadata namespaces (`exif`, `ffprobe`, …) as a tree a person can read and search. Pure: the
 * inspector renders what these functions return.
 */
import { groupFlatTags } from './exif-groups'

export interface MetaNode {
  /** The key as shown ("Make", "#2 · audio"). */
  key: string
  /** Unique within the namespace: used as the row's identity and to remember open groups. */
  path: string
  /** The formatted value of a leaf; null for a group. */
  value: string | null
  /** Children of a group; null for a leaf. */
  children: MetaNode[] | null
  /** Leaves in this subtree (1 for a leaf). */
  leaves: number
}

/** Namespaces in the order people look for them; others follow alphabetically. */
const ORDER = ['exif', 'iptc', 'xmp', 'ffprobe', 'pdf', 'identify', 'warnings', 'ffprobeRaw']

const LABELS: Record<string, string> = {
  exif: 'EXIF',
  iptc: 'IPTC',
  xmp: 'XMP',
  ffprobe: 'Streams',
  ffprobeRaw: 'FFprobe',
  pdf: 'PDF',
  identify: 'Identify',
  warnings: 'Warnings',
}

export function namespaceLabel(namespace: string): string {
  return LABELS[namespace] ?? namespace.charAt(0).toUpperCase() + namespace.slice(1)
}

const isEmpty = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)

/** The namespaces that hold something, in display order. */
export function namespacesOf(metadata: Record<string, unknown>): string[] {
  const present = Object.keys(metadata).filter((key) => !isEmpty(metadata[key]))
  const rank = (key: string): number => {
    const index = ORDER.indexOf(key)
    return index < 0 ? ORDER.length : index
  }
  return present.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

const MAX_TEXT = 400
const INLINE_ITEMS = 12

/** One value on one line: long text cut, short lists of scalars joined. */
export function formatLeaf(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '—'
  if (Array.isArray(value)) {
    const shown = value.slice(0, INLINE_ITEMS).map(formatLeaf).join(', ')
    return value.length > INLINE_ITEMS ? `${shown}, … (${value.length} items)` : shown
  }
  if (typeof value === 'object') return JSON.stringify(value)
  const text = String(value)
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (${text.length} characters)` : text
}

const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object'

/** An array item's label: its index, and what kind of thing it is when it says so. */
function itemKey(item: unknown, index: number): string {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const record = item as Record<string, unknown>
    const kind = record.codec_type ?? record.type ?? record.name
    if (typeof kind === 'string' && kind) return `#${index} · ${kind}`
  }
  return `#${index}`
}

function node(key: string, path: string, value: unknown): MetaNode {
  const entries: Array<[string, unknown]> | null =
    Array.isArray(value) && !value.every(isScalar)
      ? value.map((item, index) => [itemKey(item, index), item])
      : value && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value)
        : null
  if (!entries) return { key, path, value: formatLeaf(value), children: null, leaves: 1 }
  const children = entries.map(([k, v]) => node(k, `${path}/${k}`, v))
  return { key, path, value: null, children, leaves: children.reduce((n, c) => n + c.leaves, 0) }
}

/** Namespaces written by exiftool, whose tag names the groups know. */
const EXIFTOOL_NAMESPACES = new Set(['exif', 'iptc', 'xmp'])

/**
 * The rows of one namespace. exiftool's large flat namespace (hundreds of tags side by side)
 * is grouped into Camera, Exposure, Dates, … so that it reads like a camera's info screen.
 */
export function buildTree(namespace: string, value: unknown): MetaNode[] {
  const grouped = EXIFTOOL_NAMESPACES.has(namespace) ? groupFlatTags(value) : value
  const root = node(namespace, namespace, grouped)
  return root.children ?? [{ ...root, key: namespaceLabel(namespace) }]
}

/**
 * The rows whose key or value contains `query` (any case), with the groups that lead to them.
 * A group whose own name matches keeps all its rows.
 */
export function filterTree(nodes: readonly MetaNode[], query: string): MetaNode[] {
  const needle = query.trim().toLowerCase()
  if (!needle) return [...nodes]
  const keep = (n: MetaNode): MetaNode | null => {
    if (n.key.toLowerCase().includes(needle)) return n
    if (!n.children) return n.value?.toLowerCase().includes(needle) ? n : null
    const children = n.children.map(keep).filter((c): c is MetaNode => c !== null)
    if (children.length === 0) return null
    return { ...n, children, leaves: children.reduce((sum, c) => sum + c.leaves, 0) }
  }
  return nodes.map(keep).filter((n): n is MetaNode => n !== null)
}

/** How many rows a filtered tree shows (its leaves). */
export const leafCount = (nodes: readonly MetaNode[]): number =>
  nodes.reduce((sum, n) => sum + n.leaves, 0)
