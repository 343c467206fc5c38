import { describe, expect, it } from 'vitest'
import type { StorageChange } from '../../src/shared/domain'
import { EventBus } from '../../src/main/events'
import { silentLogger } from '../../src/main/logger'
import type { StorageRepository, VolumeSpace } from '../../src/main/repositories/storage.repository'
import { StorageService, storageSettingsFromEnv } from '../../src/main/services/storage.service'

const MB = 1000 * 1000

/** A volume whose free space the test sets; the reserve file is counted in it. */
function fakeVolume(totalBytes: number, freeBytes: number) {
  const volume = { totalBytes, freeBytes, reserve: 0 }
  const repository = {
    space: (): VolumeSpace => ({ totalBytes, freeBytes: volume.freeBytes - volume.reserve }),
    holdReserve: (_path: string, bytes: number) => {
      if (volume.freeBytes - bytes < 0) return false
      volume.reserve = bytes
      return true
    },
    releaseReserve: () => void (volume.reserve = 0),
  } as unknown as StorageRepository
  return { volume, repository }
}

function service(totalBytes: number, freeBytes: number, lowWaterBytes?: number) {
  const { volume, repository } = fakeVolume(totalBytes, freeBytes)
  const events = new EventBus()
  const changes: StorageChange[] = []
  events.subscribe((event, payload) => {
    if (event === 'storage.changed') changes.push(payload as StorageChange)
  })
  let clock = 0
  const storage = new StorageService(
    repository,
    events,
    '/data',
    { checkMs: 60_000, ...(lowWaterBytes === undefined ? {} : { lowWaterBytes }) },
    silentLogger,
    () => (clock += 2000),
  )
  return {
    storage,
    volume,
    changes,
    check: () => (storage as unknown as { check(): void }).check(),
  }
}

describe('the storage service', () => {
  it('sets the low-water mark at 500 MB or 2 % of the volume, whichever is smaller', () => {
    expect(service(1000 * MB, 900 * MB).storage.status().lowWater).toBe(20 * MB)
    expect(service(100_000 * MB, 90_000 * MB).storage.status().lowWater).toBe(500 * MB)
    expect(storageSettingsFromEnv({ MARQUEE_LOW_WATER_MB: '50' })).toEqual({
      lowWaterBytes: 50 * MB,
    })
    expect(storageSettingsFromEnv({ MARQUEE_LOW_WATER_MB: 'lots' })).toEqual({})
  })

  it('keeps a reserve, gives it back when a write fails, and says how much to free', () => {
    const { storage, volume, changes } = service(500 * MB, 50 * MB)
    expect(volume.reserve).toBe(5 * MB) // 1 % of the volume
    storage.full(Object.assign(new Error('write'), { code: 'ENOSPC' }), '/data/cache/tmp/x.webp')
    expect(volume.reserve).toBe(0)
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({
      paused: true,
      reason: 'full',
      path: '/data/cache/tmp/x.webp',
    })
    expect(changes[0]!.message).toBe(
      `The disk that holds Marquee's library (/data) is full — free at least ${(changes[0]!.neededBytes / MB).toFixed(1)} MB; processing is paused and resumes by itself.`,
    )
    expect(storage.hasRoom()).toBe(false)
  })

  it('resumes only once more is free than the failure left, and takes its reserve again', () => {
    const { storage, volume, changes, check } = service(500 * MB, 15 * MB, 1 * MB)
    let resumed = 0
    storage.onResume(() => resumed++)
    storage.full(new Error('No space left on device'))
    // The reserve came back (15 MB free now) but nobody freed anything: still paused.
    check()
    expect(resumed).toBe(0)
    volume.freeBytes += 30 * MB
    check()
    expect(resumed).toBe(1)
    expect(changes.at(-1)).toMatchObject({ paused: false, message: null, neededBytes: 0 })
    expect(volume.reserve).toBe(5 * MB)
    expect(storage.hasRoom()).toBe(true)
  })

  it('pauses before the disk is full when free space falls below the mark', () => {
    const { storage, volume, changes } = service(1000 * MB, 200 * MB, 100 * MB)
    expect(storage.hasRoom()).toBe(true)
    volume.freeBytes = 50 * MB
    expect(storage.hasRoom()).toBe(false)
    expect(changes[0]).toMatchObject({ paused: true, reason: 'low' })
    expect(changes[0]!.message).toMatch(/is almost full \([\d.]+ MB free\) — free at least/)
  })
})
