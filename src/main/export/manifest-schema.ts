/**
 * docs/bundle-manifest.schema.json compiled once, with ajv's findings turned into sentences an
 * operator can act on. The JSON is imported, so the bundler inlines it: built code and the CLI
 * need no docs/ folder at run time.
 */
import { createRequire } from 'node:module'
import type Ajv2020 from 'ajv/dist/2020.js'
import type { ErrorObject } from 'ajv/dist/2020.js'
import schema from '../../../docs/bundle-manifest.schema.json'

// Required on first use, not imported: only exports and verify-bundle validate manifests.
const require = createRequire(import.meta.url)

const SUPPORTED_VERSION = 1

let compiled: ReturnType<Ajv2020['compile']> | null = null

function validator(): ReturnType<Ajv2020['compile']> {
  if (compiled) return compiled
  // allErrors: a verifier should list every problem, not the first; verbose: hands each error
  // the schema around it, whose description says what was expected.
  const Ajv = (require('ajv/dist/2020.js') as { default: typeof Ajv2020 }).default
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true })
  compiled = ajv.compile(schema)
  return compiled
}

/** Every way `value` breaks the schema, as `where: what` lines; empty when it complies. */
export function manifestSchemaErrors(value: unknown): string[] {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version === 'number' && version > SUPPORTED_VERSION) {
    return [
      `schemaVersion: ${version} is newer than this Marquee reads (${SUPPORTED_VERSION}) — update Marquee to check this bundle`,
    ]
  }
  const validate = validator()
  if (validate(value)) return []
  return (validate.errors ?? []).map(describe)
}

function describe(error: ErrorObject): string {
  const where = location(error.instancePath)
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return `${where}: missing "${String(params.missingProperty)}"`
    case 'additionalProperties':
      return `${where}: unexpected property "${String(params.additionalProperty)}"`
    case 'pattern': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description
      const shown = JSON.stringify(error.data)
      return description
        ? `${where}: ${shown} is not ${description}`
        : `${where}: ${shown} ${error.message}`
    }
    case 'const':
      return `${where}: must be ${JSON.stringify(params.allowedValue)}`
    case 'enum':
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    case 'type':
      return `${where}: must be ${String(params.type).split(',').join(' or ')}`
    default:
      return `${where}: ${error.message ?? 'is not valid'}`
  }
}

/** "/media/0/sha256" → "media[0].sha256"; "" → "manifest". */
function location(pointer: string): string {
  if (pointer === '') return 'manifest'
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('')
}
