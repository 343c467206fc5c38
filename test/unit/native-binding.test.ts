import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronBindingPath, selectNativeBinding } from '../../src/main/db/native-binding'
import { tempDir } from '../support/temp'

describe('choosing the better-sqlite3 binary', () => {
  it('leaves Node (tests, CLI, serve) on the default build', () => {
    const projectRoot = tempDir()
    expect(selectNativeBinding({ versions: { electron: undefined }, projectRoot })).toBeUndefined()
    expect(selectNativeBinding({ versions: process.versions, projectRoot })).toBeUndefined()
  })

  it('loads the Electron build from native/ when it is there', () => {
    const projectRoot = tempDir()
    const built = electronBindingPath(projectRoot, '39.8.9')
    mkdirSync(dirname(built), { recursive: true })
    writeFileSync(built, 'not really a binary')
    expect(built).toBe(join(projectRoot, 'native', 'electron-39.8.9', 'better_sqlite3.node'))
    expect(selectNativeBinding({ versions: { electron: '39.8.9' }, projectRoot })).toBe(built)
  })

  it('falls back to the default resolution in a packaged app, which has no native/ folder', () => {
    const projectRoot = tempDir()
    expect(selectNativeBinding({ versions: { electron: '39.8.9' }, projectRoot })).toBeUndefined()
  })

  it('does not take a build made for another Electron version', () => {
    const projectRoot = tempDir()
    const other = electronBindingPath(projectRoot, '38.0.0')
    mkdirSync(dirname(other), { recursive: true })
    writeFileSync(other, 'built for 38')
    expect(selectNativeBinding({ versions: { electron: '39.8.9' }, projectRoot })).toBeUndefined()
  })
})
