import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'

const shared = { pool: 'forks' as const, testTimeout: 30_000, hookTimeout: 120_000 }
// Two server or client files at a time: most of their time is spent waiting on PostgreSQL,
// PGlite and child processes, so two fit on two cores (vitest's default is cores − 1).
const twoAtATime = { maxWorkers: 2 }

export default defineConfig({
  test: {
    projects: [
      {
        test: { ...shared, ...twoAtATime, name: 'server', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'test/client/**/*.svelte.test.ts'], globalSetup: ['test/support/global-setup.ts'] },
      },
      {
        // Client state classes (runes in *.svelte.ts) compiled as the client build does, run in Node.
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: { ...shared, ...twoAtATime, name: 'client', include: ['test/client/**/*.svelte.test.ts'] },
      },
      {
        test: {
          ...shared,
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/support/build-client.ts'],
          // One Chromium at a time: two cores do not run two walls well.
          fileParallelism: false,
        },
      },
    ],
  },
})
