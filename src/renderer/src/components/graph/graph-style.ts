/**
 * The explorer's cytoscape stylesheet. Colours come from CSS custom properties on the
 * container (graph.css), so the graph follows the light and dark themes like the rest.
 */
import type { StylesheetJson } from 'cytoscape'

export const RELATION_COLOURS: Record<string, string> = {
  contains: '--graph-contains',
  includes: '--graph-includes',
  duplicate_of: '--graph-duplicate',
  similar_to: '--graph-similar',
  exported_in: '--graph-exported',
  replaces: '--graph-replaces',
  derived_from: '--graph-derived',
  fetched_by: '--graph-fetched',
}
const OTHER_RELATION = '--graph-user'

export const KIND_SHAPES: Record<string, string> = {
  asset: 'ellipse',
  folder: 'round-rectangle',
  root: 'hexagon',
  collection: 'diamond',
  bundle: 'rectangle',
  integration: 'star',
  media: 'pentagon',
  rendition: 'triangle',
}

/** One colour per relation (user relations share one), for edges and the filter legend. */
export const relationColourVar = (relation: string): string =>
  RELATION_COLOURS[relation] ?? OTHER_RELATION

export function graphStyle(el: HTMLElement, dense: boolean): StylesheetJson {
  const css = getComputedStyle(el)
  const v = (name: string): string => css.getPropertyValue(name).trim() || '#888'
  const kinds = Object.keys(KIND_SHAPES).map((kind) => ({
    selector: `node.${kind}`,
    style: { shape: KIND_SHAPES[kind], 'background-color': v(`--graph-${kind}`) },
  }))
  const relations = [...Object.keys(RELATION_COLOURS)].map((relation) => ({
    selector: `edge.${relation}`,
    style: {
      'line-color': v(relationColourVar(relation)),
      'target-arrow-color': v(relationColourVar(relation)),
      // similar_to has no direction: no arrow.
      ...(relation === 'similar_to' ? { 'target-arrow-shape': 'none' as const } : {}),
    },
  }))
  return [
    {
      selector: 'node',
      style: {
        width: 26,
        height: 26,
        label: 'data(label)',
        color: v('--text'),
        'font-size': 10,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-max-width': '110px',
        'text-wrap': 'ellipsis',
        // Labels drawn at a readable size only; zoomed out they would be noise (and slow).
        'min-zoomed-font-size': 8,
        'border-width': 0,
        'border-color': v('--accent'),
      },
    },
    ...kinds,
    {
      selector: 'node[image]',
      style: {
        width: 44,
        height: 44,
        shape: 'round-rectangle',
        'background-image': 'data(image)',
        'background-fit': 'cover',
        'background-color': v('--bg-subtle'),
      },
    },
    { selector: 'node.center', style: { 'border-width': 3, 'border-color': v('--text') } },
    { selector: 'node.has-more', style: { 'border-width': 2, 'border-style': 'dashed' } },
    { selector: 'node.gone', style: { opacity: 0.45 } },
    {
      selector: 'node.on-path',
      style: { 'border-width': 4, 'border-color': v('--graph-path'), 'border-style': 'solid' },
    },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'border-color': v('--accent'), 'overlay-opacity': 0 },
    },
    {
      selector: 'edge',
      style: dense
        ? // Haystack edges are the cheapest to draw: what keeps a thousand nodes smooth.
          { width: 1, 'curve-style': 'haystack', 'haystack-radius': 0, opacity: 0.6 }
        : {
            width: 1.5,
            'curve-style': 'straight',
            'target-arrow-shape': 'triangle',
            'arrow-scale': 0.7,
          },
    },
    {
      selector: 'edge',
      style: { 'line-color': v(OTHER_RELATION), 'target-arrow-color': v(OTHER_RELATION) },
    },
    ...relations,
    {
      selector: 'edge.on-path',
      style: {
        width: 4,
        'line-color': v('--graph-path'),
        'target-arrow-color': v('--graph-path'),
        'z-index': 10,
        opacity: 1,
      },
    },
  ] as StylesheetJson
}
