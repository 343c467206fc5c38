import { describe, expect, it } from 'vitest'
import { defaultDataDir, resolveDataDir } from '../../src/main/paths'

describe('the data directory', () => {
  it('matches where Electron keeps userData for an app named Marquee', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Marquee')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/Marquee')
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Marquee',
    )
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana'),
    ).toMatch(/Roaming[\\/]Marquee$/)
  })

  it('takes --data-dir first, then MARQUEE_DATA_DIR', () => {
    expect(resolveDataDir('/flag', { MARQUEE_DATA_DIR: '/env' })).toBe('/flag')
    expect(resolveDataDir(undefined, { MARQUEE_DATA_DIR: '/env' })).toBe('/env')
  })
})
