/**
 * JSON feeds, pure: media field rules (checked when the feed is added), reading the image URLs
 * they name, and writing the cached copies back into the data.
 */
import type { MediaField, MediaFieldProblem } from '../../shared/integrations'
import type { MediaRequest } from './fetcher'
import {
  fillWildcards,
  JsonPathError,
  parsePath,
  readAll,
  wildcards,
  writeAt,
  type Segment,
} from './json-path'
import { isHttpUrl, type CachedImage } from './media-rules'

/** Checks a media field; returns what is wrong in words, or null. */
export function mediaFieldProblem(field: MediaField): string | null {
  try {
    const from = parsePath(field.path)
    const to = parsePath(field.outputPath)
    if (wildcards(to) !== wildcards(from))
      return `${field.outputPath} must have as many [*] as ${field.path} (${wildcards(from)}), so each image is written beside its own item.`
    return null
  } catch (error) {
    if (error instanceof JsonPathError) return error.message
    throw error
  }
}

/** Every image URL the media fields name; what is missing or not a URL is a problem, not fatal. */
export function mediaRequests(
  data: unknown,
  fields: MediaField[],
): { media: MediaRequest[]; problems: MediaFieldProblem[] } {
  const media: MediaRequest[] = []
  const problems: MediaFieldProblem[] = []
  for (const field of fields) {
    const from = parsePath(field.path)
    const to = parsePath(field.outputPath)
    const matches = readAll(data, from)
    if (matches.length === 0) problems.push({ path: field.path, problem: 'no item matched' })
    for (const match of matches) {
      if (!match.found) problems.push({ path: match.path, problem: 'missing' })
      else if (!isHttpUrl(match.value))
        problems.push({
          path: match.path,
          problem: `not an http(s) URL (${describe(match.value)})`,
        })
      else
        media.push({
          url: match.value,
          output: fillWildcards(to, match.indexes),
          variants: field.variants,
          source: match.path,
        })
    }
  }
  return { media, problems }
}

/** Writes each cached image at its output path; a path that cannot be written is a problem. */
export function writeBack(
  data: Record<string, unknown>,
  images: Array<{ output: Segment[]; source: string; image: CachedImage }>,
): MediaFieldProblem[] {
  const problems: MediaFieldProblem[] = []
  for (const { output, source, image } of images) {
    try {
      writeAt(data, output, image)
    } catch (error) {
      if (!(error instanceof JsonPathError)) throw error
      problems.push({ path: source, problem: `could not be written back: ${error.message}` })
    }
  }
  return problems
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value)
  return Array.isArray(value) ? 'an array' : typeof value
}
