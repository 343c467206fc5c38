import js from '@eslint/js'
import solid from 'eslint-plugin-solid/configs/typescript'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const ELECTRON = {
  name: 'electron',
  message:
    'The core is plain Node: only src/main/index.ts, src/main/shell/ and src/preload/ may import electron.',
}

const FS = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises']

/** What only repositories (and *.worker.ts entry points, on their own threads) may import. */
const IO_MODULES = [
  ...FS,
  'better-sqlite3',
  'sharp',
  // A decoder, like sharp; imported by its file, as the package has no entry point for it.
  'libheif-js',
  'libheif-js/libheif-wasm/libheif-bundle.js',
  'child_process',
  'node:child_process',
  'exiftool-vendored',
  'fluent-ffmpeg',
  'ffmpeg-static',
  'ffprobe-static',
]

const SCAN_WALKER_SIDE = [
  'src/main/scan/walk.ts',
  'src/main/scan/probe.ts',
  'src/main/scan/fingerprint.ts',
]
const BUNDLE_FOLDER_TOOL = [
  'src/main/export/bundle-folder.ts',
  'src/main/export/collect-garbage.ts',
  'src/main/export/verify-bundle.ts',
]

/**
 * A layer that does no I/O of its own: importing an I/O module (except those in `allow`) is an
 * error that names the repository rule. `databaseHandle` also refuses the database handle.
 */
function layer({ files, ignores = [], allow = [], databaseHandle = false }) {
  const io = IO_MODULES.filter((name) => !allow.includes(name)).map((name) => ({
    name,
    message:
      'I/O belongs in src/main/repositories/*.repository.ts (or a *.worker.ts entry point): move the call into a repository the caller takes in its constructor.',
  }))
  const patterns = databaseHandle
    ? [
        {
          group: ['**/db/connection'],
          message:
            'Services and jobs never hold the database: put the SQL in a repository (statements prepared once).',
        },
      ]
    : []
  return {
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON, ...io], patterns }] },
  }
}

export default tseslint.config(
  {
    ignores: [
      'out/',
      'dist/',
      'native/',
      'node_modules/',
      'test/artifacts/',
      'playwright-report/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [ELECTRON] }],
    },
  },
  // Layers (docs/decisions.md, "Layers"). A later no-restricted-imports entry for a file replaces
  // the earlier one, so every layer's list repeats the electron restriction.
  layer({
    files: [
      'src/main/*.ts',
      'src/main/services/**',
      'src/main/api/**',
      'src/main/jobs/**',
      'src/main/media/**',
      'src/main/graph/**',
      'src/main/integrations/**',
      'src/main/scan/**',
      'src/main/export/**',
      'src/shared/**',
    ],
    ignores: [
      'src/main/index.ts',
      'src/main/cli.ts',
      '**/*.worker.ts',
      ...SCAN_WALKER_SIDE,
      ...BUNDLE_FOLDER_TOOL,
    ],
    databaseHandle: true,
  }),
  // The composition root opens the database; nothing else in the pure layer may.
  layer({ files: ['src/main/app.ts'] }),
  // Run on the walker thread (filesystem only) or on a bundle folder with no library at all.
  layer({ files: [...SCAN_WALKER_SIDE, ...BUNDLE_FOLDER_TOOL], allow: FS }),
  // Faces: they own their endpoints (the built renderer, the local socket) and resolve the paths
  // a user types, but reach the library only through the contract and MediaFilesRepository.
  layer({ files: ['src/main/cli.ts', 'src/main/cli/**', 'src/main/transport/**'], allow: FS }),
  // The database layer below the repositories: better-sqlite3, and a look for its native binary.
  layer({ files: ['src/main/db/**'], allow: [...FS, 'better-sqlite3'] }),
  // One way to begin a transaction: BEGIN IMMEDIATE, through src/main/db/transaction.ts.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/db/transaction.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression > MemberExpression.callee[property.name='transaction'][object.name='db'], CallExpression > MemberExpression.callee[property.name='transaction'][object.property.name='db']",
          message:
            'Begin transactions with transaction(db, work) from src/main/db/transaction.ts: a deferred one that reads before it writes fails at once when another connection wrote meanwhile.',
        },
      ],
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/shell/**', 'src/preload/**', 'test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // The bundle's offline player: a classic script opened from a stick, with no build step.
  {
    files: ['src/main/export/player/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...solid,
    languageOptions: { ...solid.languageOptions, globals: { ...globals.browser } },
  },
)
