/** Injected at build time (electron.vite.config.ts, vitest.config.ts) from package.json. */
declare const __MARQUEE_VERSION__: string
