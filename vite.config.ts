// Vite builds the PWA from web/ into dist/web; public/ (manifest, icons) is copied as is. The service
// worker (web/sw/service-worker.ts) is bundled by vite-plugin-pwa, which injects the precache list;
// the sync worker (web/sync-worker/sync-worker.ts) is bundled where `new Worker(new URL(...))` names it.
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  // The sync worker is a module worker (`{type: 'module'}`): bundle it as ES, as the page is.
  worker: { format: 'es' },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'service-worker.ts',
      // The page registers the worker itself through workbox-window (web/app/update-watcher.ts).
      injectRegister: false,
      // The manifest is a file in public/, linked from index.html.
      manifest: false,
      injectManifest: {
        // The app shell: every built file and the icons; the API is never cached.
        globPatterns: ['**/*.{html,js,css,png,webmanifest}'],
        rollupFormat: 'es',
      },
      devOptions: { enabled: false },
    }),
  ],
});
