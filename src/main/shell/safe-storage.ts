import { safeStorage } from 'electron'
import {
  BOX_TAG,
  KeyFileBox,
  sealedElsewhere,
  type SecretBox,
} from '../repositories/secrets.repository'

/** What the shell uses of Electron's safeStorage (the async calls are newer than Electron 39). */
export type SafeStorage = Pick<
  typeof safeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
> & {
  encryptStringAsync?: (plain: string) => Promise<Buffer>
  decryptStringAsync?: (sealed: Buffer) => Promise<string | { result: string }>
}

/**
 * Credentials in the desktop app: sealed by the system keychain through safeStorage (its async
 * API where this Electron has it). Where there is no keychain — unavailable, or Linux's
 * `basic_text` fallback, which only obscures with a fixed key — the key file of serve and the
 * CLI (readable only by the user) is used instead, and the user is warned. Blobs sealed by
 * either are opened.
 */
export function safeStorageBox(dataDir: string, storage: SafeStorage = safeStorage): SecretBox {
  const keyFile = new KeyFileBox(dataDir)
  const backend = process.platform === 'linux' ? storage.getSelectedStorageBackend() : null
  if (!storage.isEncryptionAvailable() || backend === 'basic_text') {
    keyFile.warning =
      backend === 'basic_text'
        ? 'No system keyring was found (safeStorage would fall back to basic_text), so integration sign-ins are encrypted with a key file readable only by you. Install and unlock GNOME Keyring or KWallet to use the keychain.'
        : 'The system keychain is not available, so integration sign-ins are encrypted with a key file readable only by you.'
    return keyFile
  }
  return {
    kind: 'safe-storage',
    warning: null,
    async seal(plain) {
      const sealed = storage.encryptStringAsync
        ? await storage.encryptStringAsync(plain)
        : storage.encryptString(plain)
      return Buffer.concat([Buffer.from([BOX_TAG['safe-storage']]), sealed])
    },
    async open(sealed) {
      if (sealed[0] === BOX_TAG['key-file']) return keyFile.open(sealed)
      if (sealed[0] !== BOX_TAG['safe-storage']) throw sealedElsewhere(sealed[0])
      const body = sealed.subarray(1)
      if (!storage.decryptStringAsync) return storage.decryptString(body)
      const opened = await storage.decryptStringAsync(body)
      return typeof opened === 'string' ? opened : opened.result
    },
  }
}
