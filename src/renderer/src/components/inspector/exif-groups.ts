/**
 * exiftool reports EXIF, IPTC, XMP, ICC and file facts as one flat object of a few hundred tags.
 * Sorted into the groups a photographer thinks in, the inspector reads like a camera's info
 * screen instead of an alphabet soup. Pure: no DOM.
 */

interface Group {
  name: string
  test: (tag: string) => boolean
}

const named =
  (...names: string[]) =>
  (tag: string): boolean =>
    names.includes(tag)

// First match wins, so the order settles tags that fit two groups (ExposureTime is exposure,
// not a date; GPSDateStamp is a place).
const GROUPS: Group[] = [
  { name: 'Location', test: (t) => t.startsWith('GPS') },
  {
    name: 'Exposure',
    test: (t) =>
      /^(Exposure|ShutterSpeed|FNumber|Aperture|MaxAperture|ISO|Metering|Flash(?!pix)|FocalLength|WhiteBalance|LightValue|ScaleFactor|CircleOfConfusion|FOV|HyperfocalDistance|DepthOfField|SceneCaptureType|BrightnessValue|DigitalZoom|SubjectDistance|Contrast$|Saturation$|Sharpness$|GainControl|SensingMethod)/.test(
        t,
      ),
  },
  {
    name: 'Camera',
    test: (t) =>
      /^(Make|Model|Lens|CameraModel|SerialNumber|BodySerial|InternalSerial|Software|HostComputer|FirmwareVersion|OwnerName)/.test(
        t,
      ),
  },
  {
    name: 'Description',
    test: named(
      'Title',
      'ObjectName',
      'Headline',
      'Description',
      'ImageDescription',
      'Caption-Abstract',
      'Keywords',
      'Subject',
      'Artist',
      'Creator',
      'By-line',
      'Copyright',
      'CopyrightNotice',
      'Rights',
      'Credit',
      'Source',
      'City',
      'Country',
      'Country-PrimaryLocationName',
      'Province-State',
      'State',
      'Sub-location',
      'Rating',
      'Label',
      'Instructions',
      'UserComment',
      'XPTitle',
      'XPComment',
      'XPKeywords',
      'XPSubject',
      'XPAuthor',
    ),
  },
  { name: 'Dates', test: (t) => /Date|^OffsetTime|^SubSecTime|TimeZone/.test(t) },
  {
    name: 'Image',
    test: (t) =>
      /^(ImageWidth|ImageHeight|ExifImage|ImageSize|Megapixels|Orientation|ColorSpace|ColorType|ColorComponents|BitDepth|BitsPerSample|Compression|[XY]Resolution|ResolutionUnit|YCbCr|Profile|ICC|Interlace|Filter|Gamma|Animation|Frame|PageCount|Transparency|Pixel|Quality|Encoding|Photometric|SamplesPerPixel|PlanarConfiguration)/.test(
        t,
      ),
  },
  {
    name: 'Audio',
    test: (t) =>
      /^(Audio|Album|Channel|SampleRate|ID3|MPEG|Genre|Track|Band|Composer|Emphasis|IntensityStereo|CopyrightFlag|Duration|Encoder|Lyrics|Year|Beat|Mode$|VBR|Lame)/.test(
        t,
      ),
  },
  { name: 'File', test: (t) => /^(File|MIMEType|ExifByteOrder|Directory|Warning)/.test(t) },
]

const OTHER = 'Other'

/** The order groups are shown in: what a person looks for first. */
const SHOWN = [
  'Description',
  'Camera',
  'Exposure',
  'Dates',
  'Location',
  'Image',
  'Audio',
  'File',
  OTHER,
]

/** Below this many tags a flat namespace is short enough to read as it is. */
const GROUP_FROM = 16

const isFlat = (value: Record<string, unknown>): boolean =>
  Object.values(value).every((v) => v === null || typeof v !== 'object' || Array.isArray(v))

/**
 * A flat object of many tags as `{ Camera: {...}, Exposure: {...}, …, Other: {...} }`, in that
 * order, tags sorted by name inside each group. Anything else comes back unchanged.
 */
export function groupFlatTags(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  const tags = value as Record<string, unknown>
  const keys = Object.keys(tags)
  if (keys.length < GROUP_FROM || !isFlat(tags)) return value
  const grouped: Record<string, Record<string, unknown>> = {}
  for (const name of SHOWN) grouped[name] = {}
  for (const key of [...keys].sort((a, b) => a.localeCompare(b))) {
    const group = GROUPS.find((g) => g.test(key))?.name ?? OTHER
    grouped[group]![key] = tags[key]
  }
  for (const name of Object.keys(grouped)) {
    if (Object.keys(grouped[name]!).length === 0) delete grouped[name]
  }
  return grouped
}
