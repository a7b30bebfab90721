import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOAD_CONFIG_PATH = 'packages/platform/src/config/load-config.ts';
export const CONFIG_TYPES_PATH = 'packages/platform/src/config/config.ts';

/** What the platform's processes accept: variable names and `SERVICES` values. */
export interface KnownConfig {
  /** Read by the config loader. */
  readonly variables: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
}

/** Variable names the loader reads: `r.str('X')`, `r.int('X', ...)`, `optionalPort(r, 'X')`... */
export function variablesReadBy(source: string): Set<string> {
  const names = new Set<string>();
  const readers =
    /(?:\br\.(?:str|int|bool|urls?|bucket|trustProxy|origins)\(|\boptionalPort\(\s*r\s*,)\s*'([A-Z][A-Z0-9_]*)'/g;
  for (const m of source.matchAll(readers)) names.add(m[1]!);
  return names;
}

/** The names in `export const SERVICE_NAMES = ['auth', ...]`. */
export function serviceNamesIn(source: string): Set<string> {
  const list = /SERVICE_NAMES\s*=\s*\[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return new Set([...list.matchAll(/'([a-z][a-z0-9-]*)'/g)].map((m) => m[1]!));
}

export function readKnownConfig(root: string): KnownConfig {
  const variables = variablesReadBy(readFileSync(join(root, LOAD_CONFIG_PATH), 'utf8'));
  const services = serviceNamesIn(readFileSync(join(root, CONFIG_TYPES_PATH), 'utf8'));
  return {
    variables: variables,
    services: services,
  };
}

/** A problem with the `SERVICES` value, or undefined. */
export function servicesProblem(value: string, known: KnownConfig): string | undefined {
  if (value === 'all') return undefined;
  const unknown = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => !known.services.has(s));
  return unknown.length > 0 ? `SERVICES names unknown services: ${unknown.join(', ')}` : undefined;
}
