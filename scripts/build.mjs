#!/usr/bin/env node
import { readFileSync } from 'node:fs';
// Bundles the launcher into dist/server.mjs (dependencies stay external, installed by npm ci),
// so production can run `node dist/server.mjs` without the TypeScript loader.
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: ['apps/server/src/main.ts'],
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: Object.keys(pkg.dependencies ?? {}),
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'info',
});
