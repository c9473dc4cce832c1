import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { CSP_NONCE_PLACEHOLDER } from './src/backend/host/csp'

// Three bundles: the Electron main process, the sandboxed preload (CommonJS, self-contained because a
// sandboxed preload cannot require node_modules), and the renderer served to both shells.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // desktop-backend: the backend start-up main uses, as its own electron-free entry so the packaging
      // dry run (scripts/package-dry-run.mjs) can start it from the packaged layout under plain Node.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'desktop-backend': resolve(__dirname, 'src/main/desktop-backend.ts'),
          // Document validation worker threads (src/backend/validation/entry.ts finds it beside these).
          'validation-worker': resolve(__dirname, 'src/backend/validation/worker.ts'),
          // The WAL checkpoint worker thread (src/backend/db/checkpoint.ts finds it the same way).
          'checkpoint-worker': resolve(__dirname, 'src/backend/db/checkpoint-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [vue()],
    // The shells replace this in every index.html response with a fresh nonce (src/backend/host/csp.ts).
    html: { cspNonce: CSP_NONCE_PLACEHOLDER },
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified by default; the renderer is also served to browsers.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
})
