// Bundles the test files (and the launcher their spawned servers run) before a test run, so
// each test process loads a few files of JavaScript instead of hundreds of TypeScript modules
// through the tsx loader: about a second less of start-up per test file and per spawned
// server. Built by esbuild from the sources of that moment, with code shared between files in
// shared chunks; npm packages stay external (loaded by Node from node_modules, as with tsx).
// Every `import.meta.url` keeps the URL of the source file it is written in, so the paths
// found from it (fixtures, migrations, the web client, SQL snapshots) are the sources' own.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { npmPackages } from './npm-packages.mjs';

const root = new URL('..', import.meta.url).pathname;
export const LAUNCHER = join(root, 'apps/server/src/main.ts');

/** Replaces `import.meta.url` in each source file with that file's own URL. */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return {
        contents: text.replaceAll('import.meta.url', url),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
      };
    });
  },
};

/**
 * Bundles `files` (absolute paths of *.test.ts) and the launcher into a new folder under
 * .test-bundles (inside the repository, so npm packages resolve; not under node_modules, which
 * Node 22 and later leave out of a test run). Returns the folder, the bundle of each file in
 * the order given, and the launcher's bundle.
 */
export async function buildTestBundles(files) {
  const cache = join(root, '.test-bundles');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'chat-tests-'));
  const out = (file) => join(dir, relative(root, file).replace(/\.tsx?$/, '.mjs'));
  try {
    await build({
      entryPoints: [...files, LAUNCHER],
      outdir: dir,
      outbase: root,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      external: npmPackages({ dev: true }),
      plugins: [sourceUrls],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      logLevel: 'error',
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, tests: files.map(out), launcher: out(LAUNCHER) };
}
