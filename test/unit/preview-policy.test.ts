import { describe, expect, it } from 'vitest'
import { MEDIA_SCHEME } from '../../src/shared/contract'
import {
  CONTENT_SECURITY_POLICY,
  policyFor,
  PREVIEW_POLICY,
} from '../../src/main/shell/session-policy'
import { previewTarget } from '../../src/main/transport/preview-route'

describe('the playlist preview in the desktop app', () => {
  it('gives the preview player its own policy, web pages in its frames theirs, the rest the app’s', () => {
    const preview = `${MEDIA_SCHEME}://cache/.preview/3/index.html`
    expect(policyFor(preview, 'subFrame')).toBe(PREVIEW_POLICY)
    expect(PREVIEW_POLICY).toContain("frame-ancestors 'self'")
    expect(policyFor('https://example.com/menu', 'subFrame')).toBe('keep')
    // A web page can never become the app's main frame with its own policy.
    expect(policyFor('https://example.com/', 'mainFrame')).toBe(CONTENT_SECURITY_POLICY)
    expect(policyFor(`${MEDIA_SCHEME}://cache/media/ab/cd/x/large.webp`, 'image')).toBe(
      CONTENT_SECURITY_POLICY,
    )
  })

  it('answers only the player files of a numbered playlist', () => {
    expect(previewTarget(new URL('http://127.0.0.1:1/media/cache/.preview/3/index.html'))).toEqual({
      playlistId: 3,
      file: 'index.html',
    })
    expect(previewTarget(new URL(`${MEDIA_SCHEME}://cache/.preview/12/manifest.js`))).toEqual({
      playlistId: 12,
      file: 'manifest.js',
    })
    for (const path of [
      '/media/cache/.preview/0/index.html',
      '/media/cache/.preview/3/x.js',
      '/media/cache/.preview/3/../../a',
    ])
      expect(previewTarget(new URL(`http://127.0.0.1:1${path}`)), path).toBeNull()
  })
})
