import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'

const shared = { pool: 'forks' as const, testTimeout: 30_000, hookTimeout: 120_000 }
// A worker keeps the modules it loaded for its next file: loading the server's graph again for each
// file took about 4 s of a worker's time per file on CI, a fifth of the run. Tests share no module
// state: every app, database and browser is made per file.
const keepModules = { isolate: false }
// Two server or client files at a time: most of their time is spent waiting on PostgreSQL,
// PGlite and child processes, so two fit on two cores (vitest's default is cores − 1).
const twoAtATime = { maxWorkers: 2 }
// One file at a time; vitest requires projects that run together to agree on this.
const oneAtATime = { fileParallelism: false }
/** Files that run RegDeck's commands as real processes (test/support/processes.ts). */
const PROCESS_FILES = [
  'test/server/main.test.ts',
  'test/server/commands/*.test.ts',
  'test/server/demo/demo-accounts.test.ts',
  'test/server/demo/history-resume.test.ts',
  'test/server/ingest-service/durability.test.ts',
  'test/server/live/stock-client-restart.test.ts',
]
const SOAK_FILE = 'test/browser/soak.test.ts'
const serverSetup = ['test/support/global-setup.ts']
const browserSetup = [...serverSetup, 'test/support/build-client.ts']

// Three groups, one after the other (sequence.groupOrder):
// 0. server and client files, two at a time;
// 1. the browser files, one Chromium at a time (two cores do not run two walls well), beside the
//    files that drive RegDeck's commands as processes, one at a time: together they take about
//    as long, and each mostly waits on its own child processes;
// 2. the soak alone, so that its longest-task figure is the wall's, not a neighbour's.
export default defineConfig({
  test: {
    projects: [
      {
        test: { ...shared, ...twoAtATime, ...keepModules, name: 'server', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'test/client/**/*.svelte.test.ts', ...PROCESS_FILES], globalSetup: serverSetup },
      },
      {
        // Client state classes (runes in *.svelte.ts) compiled as the client build does, run in Node.
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: { ...shared, ...twoAtATime, name: 'client', include: ['test/client/**/*.svelte.test.ts'] },
      },
      {
        test: { ...shared, ...oneAtATime, ...keepModules, name: 'processes', include: PROCESS_FILES, globalSetup: serverSetup, sequence: { groupOrder: 1 } },
      },
      {
        test: { ...shared, ...oneAtATime, ...keepModules, name: 'browser', include: ['test/browser/**/*.test.ts'], exclude: [SOAK_FILE], globalSetup: browserSetup, sequence: { groupOrder: 1 } },
      },
      {
        test: { ...shared, ...oneAtATime, name: 'soak', include: [SOAK_FILE], globalSetup: browserSetup, sequence: { groupOrder: 2 } },
      },
    ],
  },
})
