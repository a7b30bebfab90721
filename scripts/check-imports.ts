// Workspace boundaries, checked on every import (`npm run lint` runs this after Biome;
// `node --import tsx scripts/check-imports.ts [root]`):
//   relative-escape     a relative import stays inside its own workspace; another workspace is
//                       imported by its package name (`@chat/x`)
//   private-entry       `@chat/x/...` only through an entry listed in x's package.json `exports`
//   service-boundary    a service imports packages and its own files, never another service or
//                       an app (services reach each other through events and typed clients)
//   undeclared-dependency every package a workspace imports is in its package.json: runtime code
//                       (`src/`, tests aside) in `dependencies`, the rest (tests, `test/`,
//                       scripts, config) in `dependencies` or `devDependencies`
// Imports are read from the syntax tree (type-only imports and `import('x')` types included).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rolldown/parseAst';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const IMPORTING_NODES = new Set([
  'ImportDeclaration',
  'ExportAllDeclaration',
  'ExportNamedDeclaration',
  'ImportExpression',
  'TSImportType',
  'TSExternalModuleReference',
]);
const KINDS: Record<string, Kind> = { packages: 'package', services: 'service', apps: 'app' };

type Kind = 'root' | 'package' | 'service' | 'app' | 'tool';
type Rule = 'relative-escape' | 'private-entry' | 'service-boundary' | 'undeclared-dependency';
interface Manifest {
  name: string;
  workspaces?: string[];
  exports?: string | Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
interface Workspace {
  dir: string;
  kind: Kind;
  pkg: Manifest;
}
export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: Rule;
  message: string;
}

/** Every import of every source file under `root` that breaks a rule: `{file, line, specifier, rule, message}`. */
export function checkImports(rootDir: string): Violation[] {
  const root = resolve(rootDir);
  const rootPkg = readJson(join(root, 'package.json'));
  const rootWorkspace: Workspace = { dir: root, kind: 'root', pkg: rootPkg };
  const workspaces = [rootWorkspace, ...listWorkspaces(root, rootPkg)];
  const byName = new Map(workspaces.map((w) => [w.pkg.name, w]));
  /** The innermost workspace holding `path` (files outside every workspace belong to the root). */
  const owner = (path: string): Workspace =>
    workspaces.filter((w) => path === w.dir || path.startsWith(w.dir + sep)).at(-1) ?? rootWorkspace;
  const violations: Violation[] = [];
  for (const file of sourceFiles(root)) {
    const ws = owner(file);
    const runtime = isRuntimeFile(relative(ws.dir, file));
    const source = readFileSync(file, 'utf8');
    for (const { specifier, offset } of importsOf(source, file)) {
      const report = (rule: Rule, message: string) =>
        violations.push({
          file: relative(root, file),
          line: lineAt(source, offset),
          specifier,
          rule,
          message,
        });
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = owner(resolve(dirname(file), specifier));
        if (target !== ws)
          report('relative-escape', `leaves ${ws.pkg.name}; import '${target.pkg.name}' instead`);
        continue;
      }
      if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')) continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
      const subpath = `.${specifier.slice(name.length)}`;
      const target = byName.get(name);
      if (
        target &&
        target !== ws &&
        ws.kind === 'service' &&
        (target.kind === 'service' || target.kind === 'app')
      )
        report('service-boundary', `a service imports packages only, not the ${target.kind} ${name}`);
      if (target && !isExported(target.pkg.exports, subpath))
        report('private-entry', `'${subpath}' is not in ${name}'s package.json exports`);
      if (target === ws) continue;
      const deps = { ...ws.pkg.dependencies, ...ws.pkg.peerDependencies };
      if (!runtime) Object.assign(deps, ws.pkg.devDependencies);
      if (!(name in deps)) {
        const where = runtime ? 'dependencies' : 'dependencies or devDependencies';
        report(
          'undeclared-dependency',
          `${name} is not in ${relative(root, ws.dir) || '.'}/package.json ${where}`,
        );
      }
    }
  }
  return violations;
}

function listWorkspaces(root: string, rootPkg: Manifest): Workspace[] {
  const dirs = (rootPkg.workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return readdirSync(parent).map((name) => join(parent, name));
  });
  return dirs
    .filter((dir) => statSync(join(dir, 'package.json'), { throwIfNoEntry: false }))
    .map((dir) => ({
      dir,
      kind: KINDS[relative(root, dir).split(sep)[0] ?? ''] ?? 'tool',
      pkg: readJson(join(dir, 'package.json')),
    }))
    .sort((a, b) => a.dir.length - b.dir.length);
}

/** Code that ships: under `src/`, except tests. Everything else may use devDependencies. */
function isRuntimeFile(pathInWorkspace: string): boolean {
  return pathInWorkspace.split(sep)[0] === 'src' && !/\.test\.[cm]?[jt]sx?$/.test(pathInWorkspace);
}

function isExported(exports: Manifest['exports'], subpath: string): boolean {
  if (exports === undefined) return subpath === '.';
  if (typeof exports === 'string' || !Object.keys(exports).some((k) => k.startsWith('.')))
    return subpath === '.';
  return Object.keys(exports).some((key) => {
    const star = key.indexOf('*');
    if (star < 0) return key === subpath;
    return subpath.startsWith(key.slice(0, star)) && subpath.endsWith(key.slice(star + 1));
  });
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

function importsOf(source: string, file: string): { specifier: string; offset: number }[] {
  const lang = file.endsWith('x')
    ? file.endsWith('.tsx')
      ? 'tsx'
      : 'jsx'
    : /\.[cm]?ts$/.test(file)
      ? 'ts'
      : 'js';
  const found: { specifier: string; offset: number }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const { type, source, expression } = node as { type?: string; source?: Literal; expression?: Literal };
    const literal = source ?? expression;
    if (type && IMPORTING_NODES.has(type) && typeof literal?.value === 'string')
      found.push({ specifier: literal.value, offset: literal.start });
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseAst(source, { lang, sourceType: 'module' }, file));
  return found;
}

type Literal = { value?: unknown; start: number };
const lineAt = (source: string, offset: number) => source.slice(0, offset).split('\n').length;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  const violations = checkImports(root);
  for (const v of violations) console.error(`${v.file}:${v.line} [${v.rule}] '${v.specifier}': ${v.message}`);
  if (violations.length > 0) {
    console.error(`\n${violations.length} import(s) break the workspace boundaries (docs/ARCHITECTURE.md).`);
    process.exit(1);
  }
  console.log('imports: every workspace stays within its boundaries');
}
