import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Four projects: node code (core, contract, backend, shells, cli), the central system, the renderer in
// happy-dom, and the end-to-end suite that drives Debian's Chromium against the browser shell.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**', 'test/bench/**', 'test/central/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        // The central system on both engines: a global setup builds a migrated PGlite template and starts a
        // throwaway PostgreSQL 15 cluster when the binaries are installed.
        test: {
          name: 'central',
          environment: 'node',
          include: ['test/central/**/*.test.ts'],
          globalSetup: ['test/central/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
          // Mounted on the real backend (scrypt sign-in, SQLite): give a loaded 2-core box room.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A PDF drawn while the box is busy can take longer than expect.poll's default second.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
})
