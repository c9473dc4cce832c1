import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

// The CLI and the browser-shell host run on plain Node: bundle our sources, keep every dependency external.
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
  ...Object.keys(pkg.devDependencies),
]

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: {
        gasdesk: resolve(import.meta.dirname, 'src/cli/index.ts'),
        'web-host': resolve(import.meta.dirname, 'src/web-host/index.ts'),
        // The backend's document-validation worker threads (src/backend/validation/entry.ts).
        'validation-worker': resolve(import.meta.dirname, 'src/backend/validation/worker.ts'),
        // The backend's WAL checkpoint worker thread (src/backend/db/checkpoint.ts).
        'checkpoint-worker': resolve(import.meta.dirname, 'src/backend/db/checkpoint-worker.ts'),
      },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: {
        format: 'cjs',
        entryFileNames: '[name].cjs',
        // Shared and lazily loaded chunks sit beside the entries, so every module's __dirname is out/cli
        // (the central's migrations and the backend's resources are found relative to it).
        chunkFileNames: '[name]-[hash].cjs',
        // package.json `bin` runs out/cli/gasdesk.cjs directly.
        banner: (chunk) => (chunk.name === 'gasdesk' && chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
})
