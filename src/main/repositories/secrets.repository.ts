import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors'

/**
 * Encrypts credentials at rest. Two implementations: this key file (serve and the CLI) and
 * Electron's safeStorage (the desktop app; src/main/shell/safe-storage.ts). Each blob starts
 * with a byte naming its box, so one never tries to open another's.
 */
export interface SecretBox {
  readonly kind: 'key-file' | 'safe-storage'
  /** Something the user should know (Linux without a keyring: safeStorage stores almost plainly). */
  readonly warning: string | null
  seal(plain: string): Promise<Buffer>
  open(sealed: Buffer): Promise<string>
}

export const BOX_TAG = { 'key-file': 0x01, 'safe-storage': 0x02 } as const

const KEY_FILE = 'secrets.key'

/** AES-256-GCM under a random 32-byte key in `<dataDir>/secrets.key`, readable only by the user. */
export class KeyFileBox implements SecretBox {
  readonly kind = 'key-file'
  warning: string | null = null
  private key: Buffer | undefined

  constructor(private readonly dataDir: string) {}

  async seal(plain: string): Promise<Buffer> {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return Buffer.concat([Buffer.from([BOX_TAG['key-file']]), iv, cipher.getAuthTag(), body])
  }

  async open(sealed: Buffer): Promise<string> {
    if (sealed[0] !== BOX_TAG['key-file']) throw sealedElsewhere(sealed[0])
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), sealed.subarray(1, 13))
      decipher.setAuthTag(sealed.subarray(13, 29))
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString(
        'utf8',
      )
    } catch {
      throw new AppError(
        'UNAVAILABLE',
        `The stored sign-in could not be decrypted (was ${join(this.dataDir, KEY_FILE)} replaced?): connect the integration again.`,
      )
    }
  }

  /** Reads the key, or makes it (0600, never overwriting one another process just made). */
  private loadKey(): Buffer {
    if (this.key) return this.key
    const path = join(this.dataDir, KEY_FILE)
    try {
      const fd = openSync(path, 'wx', 0o600)
      try {
        writeSync(fd, randomBytes(32))
      } finally {
        closeSync(fd)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    // Someone loosened its mode: only the user may read the key.
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600)
    const key = readFileSync(path)
    if (key.length !== 32)
      throw new AppError(
        'UNAVAILABLE',
        `${path} is not a Marquee key file (it must hold 32 bytes).`,
      )
    this.key = key
    return key
  }
}

export function sealedElsewhere(tag: number | undefined): AppError {
  return new AppError(
    'UNAVAILABLE',
    tag === BOX_TAG['safe-storage']
      ? 'This sign-in was stored by the Marquee desktop app with the system keychain: use the app (or run the command while it is open), or connect the integration again here.'
      : 'This sign-in was stored by marquee serve or the CLI with its key file: run the command there, or connect the integration again here.',
  )
}

/** Random values and digests for OAuth (PKCE verifier and challenge, state). */
export class RandomRepository {
  /** URL-safe random text of `bytes` random bytes. */
  token(bytes = 32): string {
    return randomBytes(bytes).toString('base64url')
  }

  /** S256 code challenge of a PKCE verifier. */
  challenge(verifier: string): string {
    return createHash('sha256').update(verifier).digest('base64url')
  }

  sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex')
  }

  /** Compares secrets (the OAuth state) in constant time. */
  same(a: string, b: string): boolean {
    const x = Buffer.from(a)
    const y = Buffer.from(b)
    return x.length === y.length && timingSafeEqual(x, y)
  }
}
