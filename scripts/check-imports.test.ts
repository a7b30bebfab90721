import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { checkImports } from './check-imports.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const manifest = (name: string, extra: object = {}) =>
  JSON.stringify({ name, type: 'module', exports: { '.': './src/index.ts' }, ...extra });

/** A small monorepo shaped like this one; `files` adds to (or replaces) its files. */
function fixture(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'check-imports-'));
  dirs.push(root);
  const tree: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*', 'services/*', 'apps/*'] }),
    'packages/contracts/package.json': manifest('@x/contracts', {
      exports: { '.': './src/index.ts', './testing': './src/testing.ts' },
    }),
    'packages/contracts/src/index.ts': `export const a = 1;\n`,
    'packages/contracts/src/testing.ts': `export const t = 1;\n`,
    'packages/contracts/src/internal.ts': `export const i = 1;\n`,
    'services/users/package.json': manifest('@x/users', {
      dependencies: { '@x/contracts': '*', fastify: '^5' },
      devDependencies: { '@x/testing': '*' },
    }),
    'services/users/src/index.ts': `import type { FastifyInstance } from 'fastify';\nimport { a } from '@x/contracts';\nimport { b } from './b.ts';\nexport const f = (app: FastifyInstance) => [a, b, app];\n`,
    'services/users/src/b.ts': `import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n`,
    'services/users/test/users.test.ts': `import { t } from '@x/contracts/testing';\nimport { h } from '@x/testing';\nconst s = "import x from '../../chat/src/index.ts'";\nexport { h, s, t };\n`,
    'services/chat/package.json': manifest('@x/chat', { dependencies: { '@x/contracts': '*' } }),
    'services/chat/src/index.ts': `export const c = 1;\n`,
    'apps/server/package.json': manifest('@x/server', { dependencies: { '@x/chat': '*', '@x/users': '*' } }),
    'apps/server/src/index.ts': `export { c } from '@x/chat';\nexport { f } from '@x/users';\n`,
    ...files,
  };
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** `rule file:line` of each violation, for exact comparison. */
const found = (root: string) => checkImports(root).map((v) => `${v.rule} ${v.file}:${v.line} ${v.specifier}`);

test('a clean tree passes (package names, exported subpaths, builtins, own files, strings that look like imports)', () => {
  assert.deepEqual(found(fixture()), []);
});

test('relative-escape: a relative import that leaves its workspace fails, naming the file', () => {
  const root = fixture({
    'services/users/src/c.ts': `export { c } from '../../chat/src/index.ts';\n`,
    'apps/server/src/d.ts': `\nexport type A = typeof import('../../../packages/contracts/src/index.ts');\n`,
  });
  assert.deepEqual(found(root), [
    'relative-escape apps/server/src/d.ts:2 ../../../packages/contracts/src/index.ts',
    'relative-escape services/users/src/c.ts:1 ../../chat/src/index.ts',
  ]);
});

test("private-entry: a package's internals fail unless its exports list them", () => {
  const root = fixture({
    'services/users/src/c.ts': `import type { i } from '@x/contracts/src/internal.ts';\nexport type I = typeof i;\n`,
  });
  const [violation, ...rest] = checkImports(root);
  assert.deepEqual(rest, []);
  assert.equal(violation?.rule, 'private-entry');
  assert.equal(violation?.file, 'services/users/src/c.ts');
  assert.match(
    violation?.message ?? '',
    /'\.\/src\/internal\.ts' is not in @x\/contracts's package\.json exports/,
  );
});

test('service-boundary: a service importing another service fails, even from its tests; the app may', () => {
  const root = fixture({
    'services/users/package.json': manifest('@x/users', {
      dependencies: { '@x/contracts': '*', '@x/chat': '*', fastify: '^5' },
      devDependencies: { '@x/testing': '*', '@x/server': '*' },
    }),
    'services/users/src/c.ts': `export { c } from '@x/chat';\n`,
    'services/users/test/boot.test.ts': `import '@x/server';\n`,
  });
  assert.deepEqual(found(root), [
    'service-boundary services/users/src/c.ts:1 @x/chat',
    'service-boundary services/users/test/boot.test.ts:1 @x/server',
  ]);
});

test('undeclared-dependency: imports must be declared; runtime code only from dependencies', () => {
  const root = fixture({
    'services/chat/src/c.ts': `import pino from 'pino';\nimport { a } from '@x/contracts';\nexport const l = [pino, a];\n`,
    'services/chat/test/c.test.ts': `import { f } from '@x/users';\n`,
    'services/users/src/d.ts': `export { h } from '@x/testing';\n`,
  });
  const violations = checkImports(root);
  assert.deepEqual(
    violations.map((v) => `${v.rule} ${v.file}:${v.line} ${v.specifier}`),
    [
      'undeclared-dependency services/chat/src/c.ts:1 pino',
      'service-boundary services/chat/test/c.test.ts:1 @x/users',
      'undeclared-dependency services/chat/test/c.test.ts:1 @x/users',
      'undeclared-dependency services/users/src/d.ts:1 @x/testing',
    ],
  );
  assert.match(
    violations.find((v) => v.specifier === '@x/testing')!.message,
    /services\/users\/package\.json dependencies$/,
  );
});

test('this repository keeps its boundaries', () => {
  const root = new URL('..', import.meta.url).pathname;
  assert.deepEqual(checkImports(root), []);
});
