import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PLAYER_CSS, PLAYER_HTML, PLAYER_JS } from '../../src/main/export/player-assets.generated'

const read = (name: string) => readFileSync(join('src', 'main', 'export', 'player', name), 'utf8')

describe('the player embedded in the exporter', () => {
  it('is the player in src/main/export/player/ (else run node scripts/embed-player.mjs)', () => {
    expect(PLAYER_HTML).toBe(read('index.html'))
    expect(PLAYER_CSS).toBe(read('player.css'))
    expect(PLAYER_JS).toBe(read('player.js'))
  })
})
