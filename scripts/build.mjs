#!/usr/bin/env node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
// Bundles the launcher into dist/server.mjs (npm dependencies stay external, installed by npm ci;
// the @chat/* workspaces are bundled), so production can run `node dist/server.mjs` without the
// TypeScript loader.
import { build } from 'esbuild';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const root = readJson('package.json');
const manifests = [
  root,
  ...root.workspaces
    .flatMap((w) =>
      w.endsWith('/*') ? readdirSync(w.slice(0, -2)).map((d) => `${w.slice(0, -2)}/${d}`) : [w],
    )
    .filter((dir) => existsSync(`${dir}/package.json`))
    .map((dir) => readJson(`${dir}/package.json`)),
];
const external = [...new Set(manifests.flatMap((m) => Object.keys(m.dependencies ?? {})))].filter(
  (name) => !name.startsWith('@chat/'),
);
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
