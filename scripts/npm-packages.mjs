// The npm packages the workspaces name (the @chat/* workspaces themselves left out): what the
// esbuild bundles (scripts/build.mjs, scripts/test-bundle.mjs) keep external.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** `dependencies` of the root and every workspace, with their `devDependencies` when asked. */
export function npmPackages({ dev = false } = {}) {
  const rootManifest = readJson(join(root, 'package.json'));
  const workspaces = rootManifest.workspaces
    .flatMap((w) =>
      w.endsWith('/*') ? readdirSync(join(root, w.slice(0, -2))).map((d) => `${w.slice(0, -2)}/${d}`) : [w],
    )
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => readJson(join(root, dir, 'package.json')));
  const names = [rootManifest, ...workspaces].flatMap((m) => [
    ...Object.keys(m.dependencies ?? {}),
    ...(dev ? Object.keys(m.devDependencies ?? {}) : []),
  ]);
  return [...new Set(names)].filter((name) => !name.startsWith('@chat/'));
}
