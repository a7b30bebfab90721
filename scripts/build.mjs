#!/usr/bin/env node
// Bundles the launcher into dist/server.mjs (npm dependencies stay external, installed by npm ci;
// the @chat/* workspaces are bundled), so production can run `node dist/server.mjs` without the
// TypeScript loader.
import { build } from 'esbuild';
import { npmPackages } from './npm-packages.mjs';

const external = npmPackages();
await build({
  entryPoints: ['apps/server/src/main.ts'],
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'info',
});
