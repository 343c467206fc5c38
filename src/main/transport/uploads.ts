import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Readable } from 'node:stream'
import { Server } from '@tus/server'
import { DataStore, Upload } from '@tus/utils'
import { UPLOAD_PATH } from '../../shared/contract'
import type { ErrorCode } from '../../shared/domain'
import { AppError } from '../errors'
import type { Logger } from '../logger'
import type { ImportUploads } from '../services/import-uploads'

/** What each upload's tus id is made of: `<importId>.<fileId>`, as `import.start` planned it. */
function idOf(id: string): { importId: string; fileId: number } {
  const match = /^([0-9a-f-]{36})\.(\d+)$/.exec(id)
  if (!match) throw new AppError('NOT_FOUND', 'There is no such upload.')
  return { importId: match[1]!, fileId: Number(match[2]) }
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  INVALID_ARGUMENT: 400,
  CONFLICT: 409,
  NO_SPACE: 507,
  CANCELLED: 410,
  UNAVAILABLE: 503,
}

/** The tus data store over the import pipeline: no file of its own, no upload outside an import. */
class ImportStore extends DataStore {
  constructor(private readonly uploads: ImportUploads) {
    super()
    this.extensions = ['creation', 'termination']
  }

  override async create(upload: Upload): Promise<Upload> {
    if (upload.size === undefined)
      throw new AppError('INVALID_ARGUMENT', 'An upload must say its length.')
    const { importId, fileId } = idOf(upload.id)
    await this.uploads.create(importId, fileId, upload.size)
    upload.offset = 0
    return upload
  }

  override write(body: Readable, id: string, offset: number): Promise<number> {
    const { importId, fileId } = idOf(id)
    return this.uploads.write(importId, fileId, body, offset)
  }

  override async getUpload(id: string): Promise<Upload> {
    const { importId, fileId } = idOf(id)
    const { offset, size } = this.uploads.info(importId, fileId)
    return new Upload({ id, offset, size })
  }

  override async remove(id: string): Promise<void> {
    const { importId, fileId } = idOf(id)
    await this.uploads.remove(importId, fileId)
  }
}

export interface UploadSettings {
  /** The largest file a browser may upload. */
  maxBytes: number
}

/**
 * Serve mode's resumable uploads (tus 1.0 at /upload, behind the token check of http.ts): each
 * file of an import planned with `uploads` is created with `importId` and `fileId` in its
 * metadata, streamed into its `.part` by the import pipeline, and placed once its last byte is
 * in. A dropped connection resumes where the part ends. No CORS: the page is same-origin.
 */
export function createUploadHandler(
  uploads: ImportUploads,
  settings: UploadSettings,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const server = new Server({
    path: UPLOAD_PATH,
    datastore: new ImportStore(uploads),
    relativeLocation: true,
    maxSize: settings.maxBytes,
    allowedOrigins: () => false,
    disableTerminationForFinishedUploads: true,
    namingFunction: (_req, metadata) => {
      const importId = metadata?.importId ?? ''
      const fileId = metadata?.fileId ?? ''
      const id = `${importId}.${fileId}`
      idOf(id)
      return id
    },
    onResponseError: (_req, error) => {
      if (error instanceof AppError)
        return { status_code: STATUS[error.code] ?? 500, body: `${error.message}\n` }
      if (error instanceof Error) {
        logger.error('serve: an upload failed', error)
        return { status_code: 500, body: 'The upload failed inside Marquee; see its log.\n' }
      }
      return undefined
    },
  })
  return (req, res) => server.handle(req, res)
}
