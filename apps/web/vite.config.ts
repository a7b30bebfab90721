import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * src/boot.js, the small classic script that runs before the first paint (see there), in
 * <head> (the browser paints nothing before <body>): in a build, emitted under /assets with a
 * content hash, so the server lets browsers keep it (a reload waits for nothing more before
 * painting); in development, served as is.
 */
function bootScript(): Plugin {
  const path = fileURLToPath(new URL('./src/boot.js', import.meta.url));
  let building = false;
  return {
    name: 'chat-boot-script',
    configResolved(config) {
      building = config.command === 'build';
    },
    buildStart() {
      if (building) this.emitFile({ type: 'asset', name: 'boot.js', source: readFileSync(path, 'utf8') });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const built = Object.values(ctx.bundle ?? {}).find(
          (file) => file.type === 'asset' && file.names.includes('boot.js'),
        );
        if (building && !built) throw new Error('boot.js was not emitted');
        const src = built ? `/${built.fileName}` : '/src/boot.js';
        return [{ tag: 'script', attrs: { src }, injectTo: 'head' }];
      },
    },
  };
}

// Preact through Vite's own JSX transform (no Babel plugin): hashed assets under /assets,
// no inline scripts or styles, so the server's CSP (script-src/style-src 'self') allows it.
export default defineConfig({
  plugins: [bootScript()],
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
