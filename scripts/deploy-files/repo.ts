import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';

/** What the checks need to know about the repository the deployment files build. */
export interface Repo {
  readonly root: string;
  /** A path relative to the root exists (file or folder). */
  exists(path: string): boolean;
  read(path: string): string;
  /** The root package.json's runtime dependencies (what an `--omit=dev` install has). */
  readonly dependencies: ReadonlySet<string>;
  readonly scripts: ReadonlySet<string>;
  /** Workspace folders, relative to the root (`apps/server`, ...). */
  readonly workspaces: readonly string[];
}

interface PackageJson {
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  workspaces?: string[];
}

export function readRepo(root: string): Repo {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const workspaces = (pkg.workspaces ?? []).flatMap((pattern) => expandWorkspace(root, pattern));
  return {
    root,
    exists: (path) => existsSync(join(root, normalize(path))),
    read: (path) => readFileSync(join(root, normalize(path)), 'utf8'),
    dependencies: new Set(Object.keys(pkg.dependencies ?? {})),
    scripts: new Set(Object.keys(pkg.scripts ?? {})),
    workspaces,
  };
}

/** `packages/*` -> every folder of packages/ with a package.json; `bench` -> bench. */
function expandWorkspace(root: string, pattern: string): string[] {
  if (!pattern.endsWith('/*')) return existsSync(join(root, pattern, 'package.json')) ? [pattern] : [];
  const dir = pattern.slice(0, -2);
  return readdirSync(join(root, dir))
    .map((name) => `${dir}/${name}`)
    .filter((ws) => statSync(join(root, ws)).isDirectory() && existsSync(join(root, ws, 'package.json')))
    .sort();
}
