import { z } from 'zod'
import type { MethodArgs, MethodName } from '../../shared/contract'
import {
  ASSET_STATUSES,
  ASSET_TYPES,
  COLLECTION_KINDS,
  GALLERY_SORTS,
  INTEGRITY_STATES,
  ROOT_KINDS,
} from '../../shared/domain'
import { integrationSchemas } from './integration-schemas'
import { graphSchemas } from './graph-schemas'
import { profileSchemas } from './profile-schemas'
import { playlistItemSchemas } from './playlist-item-schemas'

const none = z
  .undefined()
  .or(z.null())
  .transform(() => undefined)
const id = z.number().int().positive()
const label = z.string().max(200)
const kind = z.enum(ROOT_KINDS)
const collection = { kind: z.enum(COLLECTION_KINDS), name: z.string().min(1).max(200) }
const path = z
  .string()
  .min(1, 'A path is required.')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'A path cannot contain a NUL byte.')

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const galleryQuery = {
  rootId: id.optional(),
  folder: z.string().max(4096).optional(),
  recursive: z.boolean().optional(),
  types: z.array(z.enum(ASSET_TYPES)).max(ASSET_TYPES.length).optional(),
  statuses: z.array(z.enum(ASSET_STATUSES)).max(ASSET_STATUSES.length).optional(),
  orientation: z.enum(['landscape', 'portrait', 'square']).optional(),
  minWidth: count.optional(),
  minHeight: count.optional(),
  minDurationMs: count.optional(),
  maxDurationMs: count.optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  tagIds: z.array(id).max(50).optional(),
  minRating: z.number().int().min(0).max(5).optional(),
  duplicates: z.boolean().optional(),
  similarTo: id.optional(),
  text: z.string().max(500).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written #rrggbb.')
    .optional(),
  colorDistance: z.number().min(1).max(100).optional(),
  integrity: z.enum(INTEGRITY_STATES).optional(),
  sort: z.enum(GALLERY_SORTS).optional(),
  desc: z.boolean().optional(),
  group: z.enum(['folder', 'month']).optional(),
}
const selection = z.union([
  z.strictObject({ ids: z.array(id).min(1).max(100_000) }),
  z.strictObject({
    query: z.strictObject(galleryQuery),
    exceptIds: z.array(id).max(100_000).optional(),
  }),
])
const tagNames = z.array(z.string().trim().min(1).max(100)).max(50)
const editable = z.string().max(10_000).nullable().optional()

/**
 * One argument schema per contract method. The mapped type makes a missing method a compile
 * error and ties each schema's output to the argument type the contract declares.
 */
export const argSchemas: { [M in MethodName]: z.ZodType<MethodArgs<M>> } = {
  'app.info': none,
  'app.storage': none,
  'roots.list': none,
  'roots.add': z.strictObject({ path, label: label.optional(), kind: kind.optional() }),
  'roots.remove': z.strictObject({ id, confirm: z.boolean().optional() }),
  'roots.update': z.strictObject({
    id,
    label: label.optional(),
    kind: kind.optional(),
    exclusions: z.array(z.string().max(1000)).max(500).optional(),
    indexAllFiles: z.boolean().optional(),
    virusScan: z.boolean().optional(),
    scanIntervalMs: z
      .number()
      .int()
      .min(10_000)
      .max(7 * 24 * 3600_000)
      .nullable()
      .optional(),
    inbox: z.string().min(1).max(1000).optional(),
  }),
  'roots.scan': z.strictObject({
    ids: z.array(id).max(1000).optional(),
    confirmEmpty: z.boolean().optional(),
  }),
  'assets.list': z.strictObject({
    rootId: id.optional(),
    status: z.enum(ASSET_STATUSES).optional(),
    type: z.enum(ASSET_TYPES).optional(),
    query: z.string().max(1000).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    offset: z.number().int().min(0).optional(),
    afterId: z.number().int().min(0).optional(),
    count: z.boolean().optional(),
  }),
  'assets.page': z.strictObject({
    ...galleryQuery,
    offset: count.optional(),
    after: z.string().max(10_000).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    count: z.boolean().optional(),
  }),
  'assets.stats': z.strictObject({ rootId: id.optional() }),
  'assets.groups': z.strictObject({ ...galleryQuery, by: z.enum(['folder', 'month']) }),
  'assets.indexOf': z.strictObject({ ...galleryQuery, id }),
  'assets.ids': z.strictObject({
    selection,
    limit: z.number().int().min(1).max(100_000).optional(),
  }),
  'folders.tree': z.strictObject({ rootId: id }),
  'assets.update': z.strictObject({
    selection,
    title: editable,
    description: editable,
    rating: z.number().int().min(0).max(5).nullable().optional(),
  }),
  'tags.list': none,
  'tags.apply': z.strictObject({
    selection,
    add: tagNames.optional(),
    remove: tagNames.optional(),
  }),
  'assets.get': z.strictObject({ id }),
  'assets.byPath': z.strictObject({ path: z.string().min(1).max(4096) }),
  'assets.duplicates': z.strictObject({ similar: z.boolean().optional() }),
  'assets.remove': z
    .strictObject({
      ids: z.array(id).min(1).max(100_000).optional(),
      selection: selection.optional(),
      confirm: z.boolean().optional(),
    })
    .refine((a) => (a.ids === undefined) !== (a.selection === undefined), {
      message: 'Give either ids or a selection.',
    }),
  'jobs.status': none,
  'jobs.wait': none,
  'jobs.prioritize': z.strictObject({ assetIds: z.array(id).max(10_000) }),
  'jobs.pause': none,
  'jobs.resume': none,
  'jobs.cancel': z.strictObject({ assetIds: z.array(id).max(100_000).optional() }),
  'assets.verify': z.strictObject({ rootId: id.optional() }),
  'assets.acceptBytes': z.strictObject({ ids: z.array(id).min(1).max(100_000) }),
  'jobs.retry': z.strictObject({
    assetIds: z.array(id).max(100_000).optional(),
    selection: selection.optional(),
  }),
  'collections.list': z.strictObject({ kind: collection.kind }),
  'collections.get': z.strictObject(collection),
  'collections.create': z.strictObject(collection),
  'collections.add': z.strictObject({
    ...collection,
    assetIds: z.array(id).min(1).max(10_000),
    durationMs: z
      .number()
      .int()
      .min(100)
      .max(24 * 3600_000)
      .optional(),
  }),
  'collections.remove': z.strictObject({ ...collection, confirm: z.boolean().optional() }),
  'collections.rename': z.strictObject({ ...collection, newName: collection.name }),
  'collections.reorder': z.strictObject({
    name: collection.name,
    itemIds: z.array(id).min(1).max(10_000),
  }),
  'collections.setDuration': z.strictObject({
    name: collection.name,
    itemIds: z.array(id).min(1).max(10_000),
    durationMs: z
      .number()
      .int()
      .min(100)
      .max(24 * 3600_000)
      .nullable(),
  }),
  'collections.removeItems': z.strictObject({
    ...collection,
    itemIds: z.array(id).min(1).max(10_000),
  }),
  'collections.addSelection': z.strictObject({
    ...collection,
    selection,
    durationMs: z
      .number()
      .int()
      .min(100)
      .max(24 * 3600_000)
      .optional(),
  }),
  'collections.move': z.strictObject({
    name: collection.name,
    parent: collection.name.nullable(),
  }),
  'collections.setCover': z.strictObject({ ...collection, assetId: id.nullable() }),
  'export.start': z.strictObject({
    source: z.strictObject({
      playlist: z.string().min(1).max(200).optional(),
      album: z.string().min(1).max(200).optional(),
      query: z.string().min(1).max(1000).optional(),
      assetIds: z.array(id).min(1).max(10_000).optional(),
    }),
    profile: z.string().min(1).max(50),
    out: path,
    name: z.string().max(200).optional(),
    verify: z.boolean().optional(),
    keepAudio: z.boolean().optional(),
  }),
  'export.cancel': z.strictObject({ exportId: z.string().uuid() }),
  'export.running': none,
  'bundles.list': none,
  'bundles.verify': z.strictObject({ dir: path }),
  'export.precheck': z.strictObject({
    source: z.strictObject({
      playlist: z.string().min(1).max(200).optional(),
      album: z.string().min(1).max(200).optional(),
      query: z.string().min(1).max(1000).optional(),
      assetIds: z.array(id).min(1).max(10_000).optional(),
    }),
    profile: z.string().min(1).max(50),
    out: path,
    keepAudio: z.boolean().optional(),
  }),
  'drives.list': none,
  'bundles.history': none,
  'import.start': z.strictObject({
    sources: z.array(path).min(1).max(10_000).optional(),
    uploads: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(4096),
          size: z.number().int().min(0),
          lastModified: z.number().int().min(0).optional(),
          sha256: z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .optional(),
        }),
      )
      .min(1)
      .max(100_000)
      .optional(),
    into: z.union([z.strictObject({ rootId: id }), z.strictObject({ path })]),
    onDuplicate: z.enum(['skip', 'keep']).optional(),
  }),
  'import.cancel': z.strictObject({ importId: z.string().uuid(), fileId: id.optional() }),
  'import.status': z.strictObject({ importId: z.string().uuid() }),
  'import.resume': none,
  'import.running': none,
  ...integrationSchemas,
  ...graphSchemas,
  ...profileSchemas,
  ...playlistItemSchemas,
}
