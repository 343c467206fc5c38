/**
 * The Content-Security-Policy of the renderer, one policy for both faces: the Electron shell adds
 * its media scheme, serve mode serves media from its own origin ('self').
 */
export function contentSecurityPolicy(mediaSources: string[] = []): string {
  const media = mediaSources.length ? ` ${mediaSources.join(' ')}` : ''
  return [
    "default-src 'none'",
    // WebAssembly only (no eval): serve mode hashes dropped files in the page (hash-wasm).
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${media}`,
    `media-src 'self' blob:${media}`,
    "font-src 'self'",
    // The playlist preview: the bundled player, served by the media route, in an overlay.
    `frame-src 'self'${media}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
