import { extname } from 'node:path'
import { FORMAT_BY_EXTENSION } from '../media/formats'

/** The built renderer's own files; media types come from the one format table. */
const WEB_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

const OPAQUE = 'application/octet-stream'

/** A Content-Type from the file name; the processing pipeline knows better from magic bytes. */
export function contentTypeFor(path: string): string {
  return WEB_TYPES[extname(path).toLowerCase()] ?? mediaContentTypeFor(path)
}

/**
 * Keeps an SVG opened as a page from running its scripts (or reaching the page's origin); an
 * SVG in an <img> never runs script, so the viewer is unaffected.
 */
const SANDBOX_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"

/**
 * The media route's content headers: the canonical MIME type of a known media format, else
 * opaque bytes, so an HTML page or a script inside a library is never served as something a
 * browser would run; formats that can carry script (SVG) also get a sandboxing policy.
 */
export function mediaContentHeaders(path: string): Record<string, string> {
  const format = FORMAT_BY_EXTENSION.get(extensionOf(path))
  const headers: Record<string, string> = { 'Content-Type': format?.mime ?? OPAQUE }
  if (format?.activeContent) headers['Content-Security-Policy'] = SANDBOX_POLICY
  return headers
}

function mediaContentTypeFor(path: string): string {
  return FORMAT_BY_EXTENSION.get(extensionOf(path))?.mime ?? OPAQUE
}

function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase()
}
