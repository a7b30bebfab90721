import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { commandProblems } from './commands.ts';
import { type KnownConfig, servicesProblem } from './config-variables.ts';
import type { Repo } from './repo.ts';
import { kubernetesErrors } from './schemas.ts';

// Plain shapes of the fields checked here (the schema check covers the rest).
type Labels = Record<string, string>;
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface Probe {
  httpGet?: { path?: string; port?: string | number };
}
interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command?: string[] } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
  };
}
interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
}
export interface Resource {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; labels?: Labels };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    template?: { metadata?: { labels?: Labels }; spec?: PodSpec };
    selector?: Labels | { matchLabels?: Labels };
    scaleTargetRef?: { kind?: string; name?: string };
    ports?: { name?: string; targetPort?: string | number }[];
  };
}
export interface Manifest {
  readonly file: string;
  readonly resource: Resource;
}

const DEFAULT_SHUTDOWN_MS = 30_000;
/** Services whose Deployments must scale horizontally. */
export const AUTOSCALED = ['gateway', 'chat'];
export const K8S_SERVICES = ['gateway', 'auth', 'users', 'chat'];

/** The manifests a kustomization lists, and problems with the list itself. */
export function readKustomization(repo: Repo, dir: string): { manifests: Manifest[]; problems: string[] } {
  const kustomization = parseAllDocuments(repo.read(join(dir, 'kustomization.yaml')))[0]?.toJS() as {
    resources?: string[];
  };
  const listed = kustomization.resources ?? [];
  const files = readdirSync(join(repo.root, dir)).filter(
    (f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml',
  );
  const problems = files
    .filter((f) => !listed.includes(f))
    .map((f) => `${dir}/${f}: not listed in kustomization.yaml resources`);
  const manifests: Manifest[] = [];
  for (const entry of listed) {
    const file = `${dir}/${entry}`;
    if (!repo.exists(file)) {
      problems.push(`${dir}/kustomization.yaml: lists ${entry}, which does not exist`);
      continue;
    }
    for (const doc of parseAllDocuments(repo.read(file))) {
      if (doc.errors.length > 0) problems.push(`${file}: ${doc.errors[0]!.message}`);
      else if (doc.contents !== null) manifests.push({ file, resource: doc.toJS() as Resource });
    }
  }
  return { manifests, problems };
}

const where = (m: Manifest) => `${m.file}: ${m.resource.kind} ${m.resource.metadata?.name ?? '(no name)'}`;
const selects = (selector: Labels, labels: Labels | undefined) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const matchLabels = (s: Resource['spec']) =>
  ((s?.selector as { matchLabels?: Labels })?.matchLabels ?? s?.selector ?? {}) as Labels;

/**
 * Checks Kubernetes manifests: each against its kind's JSON schema; variables (inline and
 * through envFrom) known to the config loader; probes on the actuator; requests and limits;
 * non-root, read-only pods; a grace period over SHUTDOWN_TIMEOUT_MS; secrets only in Secrets;
 * HPAs for gateway and chat; a PDB for every Deployment; Services that select pods.
 */
export function checkKubernetes(manifests: readonly Manifest[], known: KnownConfig, repo: Repo): string[] {
  const problems: string[] = [];
  const byKind = (kind: string) => manifests.filter((m) => m.resource.kind === kind);
  const named = (kind: string, name: string | undefined) =>
    byKind(kind).find((m) => m.resource.metadata?.name === name)?.resource;
  for (const m of manifests) problems.push(...kubernetesErrors(m.resource).map((e) => `${where(m)}: ${e}`));
  const deployments = byKind('Deployment');
  const runs = new Map<string, string>();
  for (const m of deployments) {
    const pod = m.resource.spec?.template?.spec;
    if (!pod) continue;
    for (const c of pod.containers ?? []) {
      const at = `${where(m)}: container ${c.name}`;
      const env = containerEnv(c, named, at, problems);
      for (const key of Object.keys(env)) {
        if (!known.variables.has(key)) problems.push(`${at}: ${key} is not read by the config loader`);
      }
      const services = env.SERVICES ?? 'all';
      const bad = servicesProblem(services, known);
      if (bad) problems.push(`${at}: ${bad}`);
      runs.set(services, m.resource.metadata?.name ?? '');
      for (const secret of ['JWT_SECRET', 'INTERNAL_TOKEN', 'DATABASE_URL']) {
        if (c.env?.some((e) => e.name === secret && e.value !== undefined)) {
          problems.push(`${at}: ${secret} has a literal value (use a Secret)`);
        }
      }
      const cmd = [...(c.command ?? []), ...(c.args ?? [])];
      if (cmd.length > 0) problems.push(...commandProblems(at, cmd, repo));
      problems.push(...probeProblems(at, c));
      problems.push(...podProblems(at, pod, c, Number(env.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_MS)));
    }
    const labels = m.resource.spec?.template?.metadata?.labels;
    if (!selects(matchLabels(m.resource.spec), labels))
      problems.push(`${where(m)}: selector does not match its pods`);
    if (!byKind('PodDisruptionBudget').some((p) => selects(matchLabels(p.resource.spec), labels))) {
      problems.push(`${where(m)}: no PodDisruptionBudget covers it`);
    }
  }
  for (const service of K8S_SERVICES) {
    if (!runs.has(service)) problems.push(`kubernetes: no Deployment runs SERVICES=${service}`);
  }
  for (const service of AUTOSCALED) {
    const deployment = runs.get(service);
    const hpa = byKind('HorizontalPodAutoscaler').find(
      (h) => h.resource.spec?.scaleTargetRef?.name === deployment,
    );
    if (!deployment || !hpa) problems.push(`kubernetes: no HorizontalPodAutoscaler scales ${service}`);
  }
  for (const h of byKind('HorizontalPodAutoscaler')) {
    if (!named('Deployment', h.resource.spec?.scaleTargetRef?.name))
      problems.push(`${where(h)}: scales no Deployment`);
  }
  for (const s of byKind('Service')) {
    const target = deployments.find((d) =>
      selects(matchLabels(s.resource.spec), d.resource.spec?.template?.metadata?.labels),
    );
    if (!target) {
      problems.push(`${where(s)}: selects no Deployment's pods`);
      continue;
    }
    const ports = (target.resource.spec?.template?.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
    for (const p of s.resource.spec?.ports ?? []) {
      if (!ports.some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort)) {
        problems.push(
          `${where(s)}: targetPort ${p.targetPort} is not a port of ${target.resource.metadata?.name}`,
        );
      }
    }
  }
  for (const s of byKind('Secret')) {
    for (const [key, value] of Object.entries(s.resource.stringData ?? {})) {
      if (value !== 'REPLACE_ME')
        problems.push(`${where(s)}: ${key} is not the REPLACE_ME placeholder (no secrets in git)`);
    }
    if (s.resource.data)
      problems.push(`${where(s)}: has data (no secrets in git: REPLACE_ME placeholders in stringData)`);
  }
  return problems;
}

/** The container's variables: inline ones and the keys of the ConfigMaps and Secrets it loads. */
function containerEnv(
  c: Container,
  named: (kind: string, name: string | undefined) => Resource | undefined,
  at: string,
  problems: string[],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const source = named(kind, ref?.name);
    if (!source) problems.push(`${at}: envFrom ${kind} ${ref?.name} is not in the manifests`);
    Object.assign(env, source?.data ?? {}, source?.stringData ?? {});
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
    if (ref) {
      const kind = e.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
      const source = named(kind, ref.name);
      const value = source?.stringData?.[ref.key] ?? source?.data?.[ref.key];
      if (value === undefined)
        problems.push(`${at}: ${e.name} refers to ${kind} ${ref.name} key ${ref.key}, not in the manifests`);
    }
    env[e.name] = e.value ?? '';
  }
  return env;
}

function probeProblems(at: string, c: Container): string[] {
  const problems: string[] = [];
  const ports = new Set((c.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
  const expected = {
    readinessProbe: '/actuator/health/readiness',
    livenessProbe: '/actuator/health/liveness',
  };
  for (const [probe, path] of Object.entries(expected) as [keyof typeof expected, string][]) {
    const get = c[probe]?.httpGet;
    if (get?.path !== path) problems.push(`${at}: ${probe} is not an HTTP GET of ${path}`);
    else if (!ports.has(get.port)) problems.push(`${at}: ${probe} port ${get.port} is not a container port`);
  }
  return problems;
}

function podProblems(at: string, pod: PodSpec, c: Container, shutdownMs: number): string[] {
  const problems: string[] = [];
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (!c.resources?.[kind]?.[resource]) problems.push(`${at}: no ${resource} ${kind.slice(0, -1)}`);
    }
  }
  const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
  const uid = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
  if (nonRoot !== true || uid === 0) problems.push(`${at}: may run as root (runAsNonRoot)`);
  if (c.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem is writable`);
  if (c.securityContext?.allowPrivilegeEscalation !== false)
    problems.push(`${at}: allows privilege escalation`);
  const preStop = c.lifecycle?.preStop?.exec?.command;
  const sleep = preStop?.[0] === 'sleep' ? Number(preStop[1]) : 0;
  const needed = sleep + shutdownMs / 1000;
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (grace <= needed || grace > needed + 15) {
    problems.push(
      `${at}: terminationGracePeriodSeconds ${grace} does not match preStop ${sleep} s + SHUTDOWN_TIMEOUT_MS ${shutdownMs} (longer by at most 15 s)`,
    );
  }
  return problems;
}
