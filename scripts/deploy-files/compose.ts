import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { commandProblems, commandWords } from './commands.ts';
import { type KnownConfig, servicesProblem } from './config-variables.ts';
import { thirdPartyVariableProblems } from './image-variables.ts';
import type { Repo } from './repo.ts';
import { schemaErrors } from './schemas.ts';

/** Variables whose value is a secret: never written in the file, always required from .env. */
const SECRETS = ['JWT_SECRET', 'INTERNAL_TOKEN', 'POSTGRES_PASSWORD', 'GF_SECURITY_ADMIN_PASSWORD'];
/** Each service the platform runs split, and how many processes of it the file runs. */
export const COMPOSE_TOPOLOGY: Readonly<Record<string, number>> = { gateway: 2, auth: 1, users: 1, chat: 2 };
const DEFAULT_SHUTDOWN_MS = 30_000;

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
  command?: string | string[];
  entrypoint?: string | string[];
  volumes?: (string | { type?: string; source?: string })[];
  depends_on?: string[] | Record<string, unknown>;
  stop_grace_period?: string;
}

export interface ComposeFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly doc: { services?: Record<string, ComposeService> } & Record<string, unknown>;
}

export function parseCompose(repo: Repo, path: string): ComposeFile {
  return { path, doc: parse(repo.read(path), { merge: true }) };
}

export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** A service built from the repository's Dockerfile runs the platform. */
function isPlatform(service: ComposeService): boolean {
  return service.build !== undefined;
}

/** `35s`, `1m30s`, `500ms` -> milliseconds. */
export function durationMs(value: string): number | undefined {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
}

/**
 * Checks a compose file: the compose-spec schema; variables known to the config loader (or
 * to the third-party image); secrets only from required `${VAR:?...}`; the split topology;
 * grace periods over SHUTDOWN_TIMEOUT_MS; a database per service created by the init script;
 * mounted files that exist; every platform process scraped by Prometheus.
 */
export function checkCompose(file: ComposeFile, repo: Repo, known: KnownConfig): string[] {
  const problems = schemaErrors('compose', file.doc).map((e) => `${file.path}: ${e}`);
  const services = file.doc.services ?? {};
  const dir = dirname(file.path);
  const running = new Map<string, string[]>();
  const databases = new Map<string, string>();
  for (const [name, service] of Object.entries(services)) {
    const where = `${file.path}: ${name}`;
    const env = environmentOf(service);
    problems.push(...secretProblems(where, env));
    problems.push(...mountProblems(where, service, dir, repo));
    for (const dep of Object.keys(Array.isArray(service.depends_on) ? {} : (service.depends_on ?? {}))) {
      if (!services[dep]) problems.push(`${where}: depends on ${dep}, which is not a service`);
    }
    if (!isPlatform(service)) {
      problems.push(...thirdPartyVariableProblems(where, service.image ?? '(no image)', Object.keys(env)));
      continue;
    }
    for (const key of Object.keys(env)) {
      if (!known.variables.has(key)) problems.push(`${where}: ${key} is not read by the config loader`);
    }
    const runs = env.SERVICES ?? 'all';
    const bad = servicesProblem(runs, known);
    if (bad) problems.push(`${where}: ${bad}`);
    for (const s of runs.split(',')) running.set(s, [...(running.get(s) ?? []), name]);
    for (const cmd of [service.command, service.entrypoint]) {
      if (cmd) problems.push(...commandProblems(where, commandWords(cmd), repo));
    }
    const shutdown = Number(env.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_MS);
    const grace = service.stop_grace_period ? durationMs(service.stop_grace_period) : 10_000;
    if (grace === undefined || grace <= shutdown || grace > shutdown + 15_000) {
      problems.push(
        `${where}: stop_grace_period ${service.stop_grace_period ?? '(default 10s)'} does not match SHUTDOWN_TIMEOUT_MS ${shutdown} (longer by at most 15 s)`,
      );
    }
    // postgres://user:${PASSWORD:?message}@host:5432/NAME?options: NAME follows the last @.
    const db = env.DATABASE_URL?.slice(env.DATABASE_URL.lastIndexOf('@') + 1)
      .split('/')[1]
      ?.split('?')[0];
    if (db) {
      const owner = databases.get(db);
      if (owner && owner !== runs) problems.push(`${where}: shares database ${db} with SERVICES=${owner}`);
      databases.set(db, runs);
    }
  }
  for (const [service, count] of Object.entries(COMPOSE_TOPOLOGY)) {
    const found = running.get(service)?.length ?? 0;
    if (found !== count) problems.push(`${file.path}: runs ${found} ${service} process(es), not ${count}`);
  }
  problems.push(...envFileProblems(file, repo));
  problems.push(...databaseProblems(file, services, [...databases.keys()], repo));
  problems.push(...scrapeProblems(file, services, repo));
  return problems;
}

/** A secret never has a literal value or a default: `${NAME:?message}` only. */
function secretProblems(where: string, env: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    for (const m of value.matchAll(/\$\{([A-Z0-9_]+)([^}]*)\}/g)) {
      if (!m[2]!.startsWith(':?'))
        problems.push(`${where}: ${key} uses \${${m[1]}} without :? (a default or empty value)`);
    }
    if (SECRETS.includes(key) && !/^\$\{[A-Z0-9_]+:\?[^}]*\}$/.test(value)) {
      problems.push(`${where}: ${key} is not a required \${VAR:?...} from .env`);
    }
    if (key === 'DATABASE_URL' && /^postgres(ql)?:\/\/[^:@/]+:(?!\$\{)[^@]*@/.test(value)) {
      problems.push(`${where}: DATABASE_URL has a literal password`);
    }
  }
  return problems;
}

/** Every `${VAR}` the file uses is in the .env.example beside it, which users copy to .env. */
function envFileProblems(file: ComposeFile, repo: Repo): string[] {
  const example = join(dirname(file.path), '.env.example');
  if (!repo.exists(example)) return [`${file.path}: no ${example} to copy to .env`];
  const declared = new Set(
    repo
      .read(example)
      .split('\n')
      .map((l) => /^([A-Z0-9_]+)=/.exec(l)?.[1])
      .filter(Boolean),
  );
  const used = new Set([...JSON.stringify(file.doc).matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]!));
  return [...used].filter((v) => !declared.has(v)).map((v) => `${file.path}: \${${v}} is not in ${example}`);
}

/** Bind mounts of repository files (`./x:/y`, `../../ops/x:/y`) point at files that exist. */
function mountProblems(where: string, service: ComposeService, dir: string, repo: Repo): string[] {
  const problems: string[] = [];
  for (const volume of service.volumes ?? []) {
    const source = typeof volume === 'string' ? volume.split(':')[0]! : volume.source;
    if (!source?.startsWith('.')) continue;
    const path = relative(repo.root, join(repo.root, dir, source));
    if (!repo.exists(path)) problems.push(`${where}: mounts ${source}, which does not exist (${path})`);
  }
  return problems;
}

/** The Postgres service's init scripts create every database a DATABASE_URL names. */
function databaseProblems(
  file: ComposeFile,
  services: Record<string, ComposeService>,
  databases: string[],
  repo: Repo,
): string[] {
  const dir = dirname(file.path);
  const scripts = Object.values(services)
    .filter((s) => s.image?.startsWith('postgres'))
    .flatMap((s) => s.volumes ?? [])
    .map((v) => (typeof v === 'string' ? v.split(':') : [v.source ?? '', '']))
    .filter(([, target]) => target?.startsWith('/docker-entrypoint-initdb.d'))
    .map(([source]) => repo.read(relative(repo.root, join(repo.root, dir, source!))).toLowerCase())
    .join('\n');
  return databases
    .filter((db) => !new RegExp(`create\\s+database\\s+"?${db}"?\\s*;`).test(scripts))
    .map((db) => `${file.path}: no init script creates database ${db}`);
}

/** Prometheus's configuration (mounted into the prometheus service) scrapes every platform process. */
function scrapeProblems(file: ComposeFile, services: Record<string, ComposeService>, repo: Repo): string[] {
  const prometheus = Object.entries(services).find(([, s]) => s.image?.startsWith('prom/prometheus'));
  if (!prometheus) return [`${file.path}: no Prometheus service`];
  const config = (prometheus[1].volumes ?? [])
    .map((v) => (typeof v === 'string' ? v.split(':') : []))
    .find(([, target]) => target === '/etc/prometheus/prometheus.yml');
  if (!config) return [`${file.path}: ${prometheus[0]} mounts no /etc/prometheus/prometheus.yml`];
  const path = relative(repo.root, join(repo.root, dirname(file.path), config[0]!));
  const parsed = parse(repo.read(path)) as {
    scrape_configs?: { metrics_path?: string; static_configs?: { targets?: string[] }[] }[];
  };
  const targets = new Set(
    (parsed.scrape_configs ?? [])
      .filter((c) => c.metrics_path === '/actuator/prometheus')
      .flatMap((c) => c.static_configs ?? [])
      .flatMap((c) => c.targets ?? []),
  );
  return Object.entries(services)
    .filter(([, s]) => isPlatform(s))
    .filter(([name]) => !targets.has(`${name}:8080`))
    .map(([name]) => `${path}: does not scrape ${name}:8080/actuator/prometheus`);
}
