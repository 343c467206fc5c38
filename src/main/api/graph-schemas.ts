import { z } from 'zod'
import type { GraphMethods, MethodArgs } from '../../shared/contract'
import { ON_REQUEST_RELATIONS, RELATION_PATTERN } from '../../shared/graph'

// A node name or an absolute path; parsed (with a readable error) by GraphService.
const node = z
  .string()
  .min(1)
  .max(4096)
  .refine((n) => !n.includes('\0'), 'A node cannot contain a NUL byte.')
const relation = z
  .string()
  .regex(RELATION_PATTERN, 'A relation is lower-case letters, digits and _ (e.g. related_to).')
const relations = z.array(relation).min(1).max(20)

export const graphSchemas: {
  [M in keyof GraphMethods]: z.ZodType<MethodArgs<M>>
} = {
  'graph.neighbours': z.strictObject({
    node,
    relations: relations.optional(),
    direction: z.enum(['out', 'in', 'both']).optional(),
    depth: z.number().int().min(1).max(4).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    include: z.array(z.enum(ON_REQUEST_RELATIONS)).max(2).optional(),
  }),
  'graph.path': z.strictObject({
    from: node,
    to: node,
    relations: relations.optional(),
    maxDepth: z.number().int().min(1).max(6).optional(),
  }),
  'graph.impact': z.strictObject({ node }),
  'graph.link': z.strictObject({
    from: node,
    to: node,
    relation,
    note: z.string().max(2000).optional(),
    weight: z.number().min(0).max(1).optional(),
  }),
  'graph.unlink': z.strictObject({ from: node, to: node, relation: relation.optional() }),
  'assets.replace': z.strictObject({
    oldId: z.number().int().positive(),
    newId: z.number().int().positive(),
    note: z.string().max(2000).optional(),
  }),
  'tags.folder': z.strictObject({
    rootId: z.number().int().positive(),
    folder: z.string().max(4096),
    add: z.array(z.string().min(1).max(100)).max(100).optional(),
    remove: z.array(z.string().min(1).max(100)).max(100).optional(),
  }),
  'tags.ofFolder': z.strictObject({
    rootId: z.number().int().positive(),
    folder: z.string().max(4096),
  }),
  'graph.rebuild': z.undefined(),
  'graph.describe': z.strictObject({ nodes: z.array(node).max(500) }),
}
