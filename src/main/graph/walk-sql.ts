import type { GraphDirection } from '../../shared/graph'
import {
  DERIVED_RELATIONS,
  ON_REQUEST_RELATIONS,
  RELATION_PATTERN,
  SIMILAR_TO,
  type DerivedRelation,
} from '../../shared/graph'

/**
 * Builds the recursive CTE that walks the graph from one node.
 *
 * Edges are not stored where the database already knows them (docs/decisions.md "The graph"):
 * each relation and direction is one recursive SELECT that reads the table which is the truth
 * (assets for `contains` and `duplicate_of`, collection_items for `includes`, bundle_items for
 * `exported_in`, derivatives for `derived_from`, integration_media_refs for `fetched_by`) through
 * its index, and `links` holds the rest. Every row carries its trail
 * (each step as RS node US relation US direction): the cycle guard refuses a node already on the
 * trail, and a path is read back from it. `ORDER BY depth` makes the queue breadth-first, so the
 * LIMIT keeps the nearest rows; UNION drops the identical rows a folder's files give for one
 * child folder.
 *
 * Parameters: @node @kind @num @txt (the start; numbers bind as REAL, hence the CAST), @depth (the limit), @cap (rows at most).
 */

export interface WalkOptions {
  /** Derived relations to walk and whether `links` is walked (for which relations: null = all). */
  relations: readonly string[] | undefined
  direction: GraphDirection
  /** With every relation (`relations` undefined): the on-request ones walked as well. */
  include?: readonly string[]
}

interface Term {
  relation: DerivedRelation
  direction: 'out' | 'in'
  fromKind: string
  /** Expressions for the next node over `w` and the joined tables. */
  node: string
  kind: string
  num: string
  txt: string
  join: string
  where?: string
}

const asset = (alias: string) => ({
  node: `'asset:' || ${alias}.id`,
  kind: `'asset'`,
  num: `${alias}.id`,
  txt: `''`,
})
// A folder's parent path: strip the last segment (rtrim by the set of its non-slash characters).
const parentPath = `rtrim(rtrim(w.txt, replace(w.txt, '/', '')), '/')`
// The first segment of `rest`: the child folder's name.
const firstSegment = (rest: string) =>
  `CASE instr(${rest}, '/') WHEN 0 THEN ${rest} ELSE substr(${rest}, 1, instr(${rest}, '/') - 1) END`
const childOfFolder = `w.txt || '/' || ${firstSegment(`substr(a.dir, length(w.txt) + 2)`)}`
const childOfRoot = firstSegment('a.dir')

const TERMS: Term[] = [
  // contains: root → its files and top folders, folder → its files and child folders.
  {
    relation: 'contains',
    direction: 'out',
    fromKind: 'root',
    ...asset('a'),
    join: `JOIN assets a ON a.root_id = w.num AND a.dir = ''`,
  },
  {
    relation: 'contains',
    direction: 'out',
    fromKind: 'root',
    node: `'folder:' || w.num || ':' || ${childOfRoot}`,
    kind: `'folder'`,
    num: 'w.num',
    txt: childOfRoot,
    join: `JOIN assets a ON a.root_id = w.num AND a.dir > ''`,
  },
  {
    relation: 'contains',
    direction: 'out',
    fromKind: 'folder',
    ...asset('a'),
    join: `JOIN assets a ON a.root_id = w.num AND a.dir = w.txt`,
  },
  {
    relation: 'contains',
    direction: 'out',
    fromKind: 'folder',
    node: `'folder:' || w.num || ':' || ${childOfFolder}`,
    kind: `'folder'`,
    num: 'w.num',
    txt: childOfFolder,
    join: `JOIN assets a ON a.root_id = w.num AND a.dir > w.txt || '/' AND a.dir < w.txt || '0'`,
  },
  {
    relation: 'contains',
    direction: 'in',
    fromKind: 'asset',
    node: `CASE a.dir WHEN '' THEN 'root:' || a.root_id ELSE 'folder:' || a.root_id || ':' || a.dir END`,
    kind: `CASE a.dir WHEN '' THEN 'root' ELSE 'folder' END`,
    num: 'a.root_id',
    txt: 'a.dir',
    join: 'JOIN assets a ON a.id = w.num',
  },
  {
    relation: 'contains',
    direction: 'in',
    fromKind: 'folder',
    node: `CASE ${parentPath} WHEN '' THEN 'root:' || w.num ELSE 'folder:' || w.num || ':' || ${parentPath} END`,
    kind: `CASE ${parentPath} WHEN '' THEN 'root' ELSE 'folder' END`,
    num: 'w.num',
    txt: parentPath,
    join: '',
  },
  // includes: collection → asset.
  {
    relation: 'includes',
    direction: 'out',
    fromKind: 'collection',
    node: `'asset:' || ci.asset_id`,
    kind: `'asset'`,
    num: 'ci.asset_id',
    txt: `''`,
    // Web page and integration items are no assets: no edge.
    join: 'JOIN collection_items ci ON ci.collection_id = w.num AND ci.asset_id IS NOT NULL',
  },
  {
    relation: 'includes',
    direction: 'in',
    fromKind: 'asset',
    node: `'collection:' || ci.collection_id`,
    kind: `'collection'`,
    num: 'ci.collection_id',
    txt: `''`,
    join: 'JOIN collection_items ci ON ci.asset_id = w.num',
  },
  // exported_in: asset → bundle (the history outlives an asset: only existing ones are walked).
  {
    relation: 'exported_in',
    direction: 'out',
    fromKind: 'asset',
    node: `'bundle:' || bi.bundle_id`,
    kind: `'bundle'`,
    num: '0',
    txt: 'bi.bundle_id',
    join: 'JOIN bundle_items bi ON bi.asset_id = w.num',
  },
  {
    relation: 'exported_in',
    direction: 'in',
    fromKind: 'bundle',
    ...asset('a'),
    join: 'JOIN bundle_items bi ON bi.bundle_id = w.txt JOIN assets a ON a.id = bi.asset_id',
  },
  // derived_from: rendition → asset, for every asset of that content (derivatives are keyed by
  // the source's hash: copies share them). `txt` of a rendition is '<sha256>:<variant>'.
  {
    relation: 'derived_from',
    direction: 'out',
    fromKind: 'rendition',
    ...asset('a'),
    join: 'JOIN assets a ON a.sha256 = substr(w.txt, 1, 64)',
  },
  {
    relation: 'derived_from',
    direction: 'in',
    fromKind: 'asset',
    node: `'rendition:' || d.sha256 || ':' || d.variant`,
    kind: `'rendition'`,
    num: '0',
    txt: `d.sha256 || ':' || d.variant`,
    join: 'JOIN assets s ON s.id = w.num JOIN derivatives d ON d.sha256 = s.sha256',
  },
  // fetched_by: integration → the cached media its current data references.
  {
    relation: 'fetched_by',
    direction: 'out',
    fromKind: 'integration',
    node: `'media:' || r.sha256`,
    kind: `'media'`,
    num: '0',
    txt: 'r.sha256',
    join: `JOIN integration_media_refs r ON r.owner_kind = 'integration' AND r.owner_id = CAST(w.num AS TEXT)`,
  },
  {
    relation: 'fetched_by',
    direction: 'in',
    fromKind: 'media',
    node: `'integration:' || r.owner_id`,
    kind: `'integration'`,
    num: 'CAST(r.owner_id AS INTEGER)',
    txt: `''`,
    join: `JOIN integration_media_refs r ON r.sha256 = w.txt AND r.owner_kind = 'integration'`,
  },
  // duplicate_of is symmetric: one term serves both directions.
  {
    relation: 'duplicate_of',
    direction: 'out',
    fromKind: 'asset',
    ...asset('d'),
    join: 'JOIN assets s ON s.id = w.num JOIN assets d ON d.sha256 = s.sha256 AND d.id <> s.id',
    where: 's.sha256 IS NOT NULL',
  },
]

function select(
  t: Pick<Term, 'node' | 'kind' | 'num' | 'txt' | 'join' | 'where'>,
  rel: string,
  dir: string,
  fromKind?: string,
): string {
  const conditions = [
    ...(fromKind ? [`w.kind = '${fromKind}'`] : []),
    'w.depth < @depth',
    `instr(w.trail, char(30) || ${t.node} || char(31)) = 0`,
    ...(t.where ? [t.where] : []),
  ]
  return `SELECT ${t.node}, ${t.kind}, ${t.num}, ${t.txt}, w.depth + 1, ${rel}, '${dir}', w.node,
    w.trail || char(30) || ${t.node} || char(31) || ${rel} || char(31) || '${dir}'
    FROM w ${t.join} WHERE ${conditions.join(' AND ')}`
}

const linkEnd = (end: 'source' | 'target') => ({
  node: `l.${end}`,
  kind: `l.${end}_kind`,
  num: `l.${end}_num`,
  txt: `l.${end}_text`,
})

/** The SQL of the walk CTE named `w`, to be followed by a SELECT over it. */
export function walkSql(options: WalkOptions): string {
  return cte(options, START)
}

/**
 * A walk from many nodes at once (`@seeds`: JSON `[[node, kind, num, txt], …]`), each row's
 * trail starting at its seed. With @depth 1 it is one step of a walk that goes level by level
 * (the one that mixes in `similar_to`, whose edges live in memory: graph/level-walk.ts).
 */
export function seedsWalkSql(options: WalkOptions): string {
  return cte(options, SEEDS)
}

const START = `SELECT @node, @kind, CAST(@num AS INTEGER), @txt, 0, '', '', '', char(30) || @node || char(31) || char(31)`
const SEEDS = `SELECT s.value ->> 0, s.value ->> 1, CAST(s.value ->> 2 AS INTEGER), s.value ->> 3, 0, '', '', '',
      char(30) || (s.value ->> 0) || char(31) || char(31) FROM json_each(@seeds) s`

function cte(options: WalkOptions, seed: string): string {
  const wanted = options.relations
  const dirs = options.direction === 'both' ? ['out', 'in'] : [options.direction]
  const terms = TERMS.filter(
    (t) =>
      (wanted === undefined
        ? !(ON_REQUEST_RELATIONS as readonly string[]).includes(t.relation) ||
          (options.include?.includes(t.relation) ?? false)
        : wanted.includes(t.relation)) &&
      (t.relation === 'duplicate_of' || dirs.includes(t.direction)),
  ).map((t) => select(t, `'${t.relation}'`, t.direction, t.fromKind))
  const stored =
    wanted === undefined
      ? ''
      : wanted.filter(
          (r) => !(DERIVED_RELATIONS as readonly string[]).includes(r) && r !== SIMILAR_TO,
        )
  if (stored === '' || stored.length > 0) {
    // Names are written into the SQL (one statement per set of relations, prepared once), so
    // nothing but a plain name gets here, whoever calls.
    for (const name of stored === '' ? [] : stored)
      if (!RELATION_PATTERN.test(name)) throw new Error(`"${name}" is not a relation name.`)
    const only =
      stored === '' ? '' : ` AND l.relation IN (${stored.map((r) => `'${r}'`).join(', ')})`
    if (dirs.includes('out'))
      terms.push(
        select(
          { ...linkEnd('target'), join: `JOIN links l ON l.source = w.node${only}` },
          'l.relation',
          'out',
        ),
      )
    if (dirs.includes('in'))
      terms.push(
        select(
          { ...linkEnd('source'), join: `JOIN links l ON l.target = w.node${only}` },
          'l.relation',
          'in',
        ),
      )
  }
  return `WITH RECURSIVE w (node, kind, num, txt, depth, rel, dir, prev, trail) AS (
    ${seed}
    UNION
    ${terms.join('\n    UNION\n    ')}
    ORDER BY 5
    LIMIT @cap
  )`
}
