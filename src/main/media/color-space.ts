/**
 * sRGB → CIELAB (D65) and the Lab grid the colour filter's index is built on. Lab, because a
 * distance there (ΔE76) is roughly what a person sees as "close", which RGB and HSV distances are
 * not (dark colours crowd together in RGB; hue means nothing for greys in HSV).
 */

export interface Lab {
  l: number
  a: number
  b: number
}

/** Lab cells are this many units wide on each axis (L 0–100, a and b about −128–127). */
export const CELL = 20
const L_CELLS = Math.ceil(100 / CELL) + 1
const AB_MIN = -140
const AB_CELLS = Math.ceil(280 / CELL) + 1

const linear = (c: number): number => {
  const v = c / 255
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
}

const f = (t: number): number =>
  t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116

export function labOf(r: number, g: number, b: number): Lab {
  const [lr, lg, lb] = [linear(r), linear(g), linear(b)]
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047
  const y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / 1.08883
  const [fx, fy, fz] = [f(x), f(y), f(z)]
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) }
}

export const distance = (p: Lab, q: Lab): number => Math.hypot(p.l - q.l, p.a - q.a, p.b - q.b)

const clampIndex = (value: number, min: number, cells: number): number =>
  Math.min(cells - 1, Math.max(0, Math.floor((value - min) / CELL)))

/** The grid cell a colour falls in: the indexed column the filter looks up. */
export function cellOf(lab: Lab): number {
  const li = clampIndex(lab.l, 0, L_CELLS)
  const ai = clampIndex(lab.a, AB_MIN, AB_CELLS)
  const bi = clampIndex(lab.b, AB_MIN, AB_CELLS)
  return (li * AB_CELLS + ai) * AB_CELLS + bi
}

/** Every cell a colour within `radius` of `lab` can fall in (the cube around the sphere). */
export function cellsNear(lab: Lab, radius: number): number[] {
  const range = (value: number, min: number, cells: number): number[] => {
    const lo = clampIndex(value - radius, min, cells)
    const hi = clampIndex(value + radius, min, cells)
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
  }
  const cells: number[] = []
  for (const li of range(lab.l, 0, L_CELLS))
    for (const ai of range(lab.a, AB_MIN, AB_CELLS))
      for (const bi of range(lab.b, AB_MIN, AB_CELLS))
        cells.push((li * AB_CELLS + ai) * AB_CELLS + bi)
  return cells
}

export const hexOf = (rgb: number): string => `#${rgb.toString(16).padStart(6, '0')}`

export function rgbOfHex(hex: string): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim())
  return match ? parseInt(match[1]!, 16) : null
}

export const channelsOf = (rgb: number): [number, number, number] => [
  (rgb >> 16) & 255,
  (rgb >> 8) & 255,
  rgb & 255,
]
