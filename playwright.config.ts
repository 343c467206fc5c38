import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests drive the real renderer in serve mode against the real core, in the system
 * Chromium (Playwright cannot download its own browser on these machines).
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test/artifacts/playwright',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 800 },
    // Screenshots show what the user sees once a view has opened, not a frame of its fade-in
    // (the viewer's 120 ms fade made its pictures half see-through). The styles honour it.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
  },
})
