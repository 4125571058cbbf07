import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'

const shared = { pool: 'forks' as const, testTimeout: 30_000, hookTimeout: 120_000 }
// A worker keeps the modules it loaded for its next file: loading the server's graph again for each
// file took about 4 s of a worker's time per file on CI, a fifth of the run. Tests share no module
// state: every app, database and browser is made per file.
const keepModules = { isolate: false }
// Three server or client files at a time on two cores: many of them spend most of their time
// waiting on PostgreSQL, PGlite or RegDeck's commands run as child processes.
const threeAtATime = { maxWorkers: 3 }

export default defineConfig({
  test: {
    projects: [
      {
        test: { ...shared, ...threeAtATime, ...keepModules, name: 'server', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'test/client/**/*.svelte.test.ts'], globalSetup: ['test/support/global-setup.ts'] },
      },
      {
        // Client state classes (runes in *.svelte.ts) compiled as the client build does, run in Node.
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: { ...shared, ...threeAtATime, name: 'client', include: ['test/client/**/*.svelte.test.ts'] },
      },
      {
        test: {
          ...shared,
          ...keepModules,
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/support/build-client.ts'],
          // One Chromium at a time: two cores do not run two walls well. After the server and
          // client files (vitest runs a project of one worker in a group of its own).
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
