/**
 * PDF documents through poppler-utils: the argument lists for `pdfinfo` and `pdftoppm`, and the
 * reading of pdfinfo's answer. Pure: the tools run in repositories/pdf.repository.ts.
 */

/** The long edge page 1 is rendered at: the `large` variant's, so the pyramid is made from it. */
export const PDF_RENDER_LONG_EDGE = 1920

/** What `metadata.pdf` holds. Sizes in PDF points (1/72 inch), as the file states them. */
export interface PdfFacts {
  pages: number | null
  title: string | null
  author: string | null
  creator: string | null
  producer: string | null
  /** ISO 8601, as pdfinfo's `-isodates` prints it. */
  created: string | null
  /** Page 1, turned by its /Rotate. */
  pageSize: { width: number; height: number; name: string | null } | null
}

/** Document facts (page 1's size among them) in UTF-8, dates in ISO 8601. */
export const pdfinfoArgs = (input: string): string[] => ['-isodates', '-enc', 'UTF-8', input]

/**
 * Page 1 as `<prefix>.png`, scaled so its long edge is PDF_RENDER_LONG_EDGE pixels (a PDF is
 * vector: small pages are drawn larger, not enlarged).
 */
export const pdftoppmArgs = (input: string, outputPrefix: string): string[] => [
  '-f',
  '1',
  '-l',
  '1',
  '-singlefile',
  '-png',
  '-scale-to',
  String(PDF_RENDER_LONG_EDGE),
  input,
  outputPrefix,
]

/** pdfinfo's `Key: value` lines. */
export function parsePdfinfo(text: string): PdfFacts {
  const fields = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line)
    if (match && !fields.has(match[1]!)) fields.set(match[1]!, match[2]!.trim())
  }
  const text_ = (key: string): string | null => fields.get(key) || null
  const pages = Number(fields.get('Pages'))
  return {
    pages: Number.isInteger(pages) && pages > 0 ? pages : null,
    title: text_('Title'),
    author: text_('Author'),
    creator: text_('Creator'),
    producer: text_('Producer'),
    created: text_('CreationDate'),
    pageSize: pageSize(fields.get('Page size'), Number(fields.get('Page rot') ?? 0)),
  }
}

/** `595.276 x 841.89 pts (A4)`, turned a quarter when the page's /Rotate says so. */
function pageSize(value: string | undefined, rotation: number): PdfFacts['pageSize'] {
  const match = /^([\d.]+) x ([\d.]+) pts(?: \((.+)\))?/.exec(value ?? '')
  if (!match) return null
  const [w, h] = [Number(match[1]), Number(match[2])]
  if (!(w > 0 && h > 0)) return null
  const turned = Math.abs(rotation) % 180 === 90
  return { width: turned ? h : w, height: turned ? w : h, name: match[3] ?? null }
}

/**
 * The pixel size page 1 is rendered at: points scaled so the long edge is
 * PDF_RENDER_LONG_EDGE (as pdftoppm's `-scale-to` does). This is the asset's width × height.
 */
export function renderedSize(page: { width: number; height: number }): {
  width: number
  height: number
} {
  const scale = PDF_RENDER_LONG_EDGE / Math.max(page.width, page.height)
  return {
    width: Math.max(1, Math.round(page.width * scale)),
    height: Math.max(1, Math.round(page.height * scale)),
  }
}
