import { defineConfig } from 'vite';

// Preact through Vite's own JSX transform (no Babel plugin): hashed assets under /assets,
// no inline scripts or styles, so the server's CSP (script-src/style-src 'self') allows it.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
