import { commandProblems, commandWords } from './commands.ts';
import type { Repo } from './repo.ts';

export interface Instruction {
  readonly line: number;
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly line: number;
  readonly instructions: readonly Instruction[];
}

/** Instructions grouped by stage; comments dropped, `\` continuations joined. */
export function parseDockerfile(text: string): Stage[] {
  const stages: { image: string; name: string | undefined; line: number; instructions: Instruction[] }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#|$)/.test(lines[i]!)) continue;
    const start = i;
    let joined = lines[i]!.trimEnd();
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      joined = joined.slice(0, -1);
      i++;
      if (!/^\s*#/.test(lines[i]!)) joined += ` ${lines[i]!.trim()}`;
    }
    const m = /^\s*(\S+)\s*(.*)$/.exec(joined)!;
    const instruction = { line: start + 1, keyword: m[1]!.toUpperCase(), args: m[2]!.trim() };
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.replace(/--\S+\s+/g, '').split(/\s+/);
      stages.push({
        image,
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        line: start + 1,
        instructions: [],
      });
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** `["node", "x.ts"]` -> its words; shell form -> undefined. */
function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((w) => typeof w === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** COPY/ADD sources and flags: `COPY --from=build /src/x y/` -> {from: 'build', sources: ['/src/x']}. */
function copyParts(args: string): { from: string | undefined; sources: string[] } {
  const words = args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1) };
}

const NODE_24 = /^node:24(?:[.-]|$)/;
const NPM_INSTALL = /\bnpm\s+(ci|install|i)\b/;

/**
 * Lint-level checks of the Dockerfile, without a container engine: Node 24 bases, a non-root
 * runtime user, a HEALTHCHECK on liveness, production dependencies only in the runtime stage,
 * commands and copied paths that exist in the repository.
 */
export function checkDockerfile(text: string, repo: Repo): string[] {
  const stages = parseDockerfile(text);
  const problems: string[] = [];
  if (stages.length < 2) problems.push('Dockerfile: not multi-stage (a build stage and a runtime stage)');
  const names = new Set<string>();
  for (const stage of stages) {
    if (!names.has(stage.image) && !NODE_24.test(stage.image)) {
      problems.push(`Dockerfile:${stage.line}: FROM ${stage.image} is not Node 24 (node:24-...)`);
    }
    if (stage.name) names.add(stage.name);
    problems.push(...installProblems(stage, repo));
  }
  const runtime = stages.at(-1);
  if (runtime) problems.push(...runtimeProblems(runtime, repo));
  for (const ignored of ['node_modules', '.git', '.env']) {
    if (
      !repo.exists('.dockerignore') ||
      !repo
        .read('.dockerignore')
        .split('\n')
        .some((l) => l.includes(ignored))
    ) {
      problems.push(`.dockerignore: does not exclude ${ignored}`);
    }
  }
  return problems;
}

/** Every workspace's package.json is in the stage before `npm ci` (the lockfile lists them all). */
function installProblems(stage: Stage, repo: Repo): string[] {
  const problems: string[] = [];
  const copied: string[] = [];
  for (const ins of stage.instructions) {
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const { from, sources } = copyParts(ins.args);
      if (from) continue;
      for (const source of sources) {
        copied.push(source.replace(/\/$/, ''));
        if (!source.includes('*') && !repo.exists(source)) {
          problems.push(`Dockerfile:${ins.line}: COPY source ${source} does not exist`);
        }
      }
    }
    if (ins.keyword === 'RUN' && NPM_INSTALL.test(ins.args)) {
      for (const ws of repo.workspaces) {
        const has = copied.some((c) => c === '.' || c === `${ws}/package.json` || c === ws);
        if (!has) problems.push(`Dockerfile:${ins.line}: npm install before ${ws}/package.json is copied`);
      }
    }
  }
  return problems;
}

function runtimeProblems(stage: Stage, repo: Repo): string[] {
  const problems: string[] = [];
  const all = (keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
  const user = all('USER').at(-1)?.args.split(':')[0];
  if (!user || user === 'root' || user === '0')
    problems.push('Dockerfile: the runtime stage runs as root (USER)');
  const env = all('ENV').map((i) => i.args);
  if (!env.some((e) => /(^|\s)NODE_ENV[= ]production(\s|$)/.test(e))) {
    problems.push('Dockerfile: the runtime stage does not set NODE_ENV=production');
  }
  if (all('STOPSIGNAL').at(-1)?.args !== 'SIGTERM') problems.push('Dockerfile: STOPSIGNAL is not SIGTERM');
  for (const ins of all('RUN')) {
    if (NPM_INSTALL.test(ins.args) && !/--omit[= ]dev\b/.test(ins.args)) {
      problems.push(
        `Dockerfile:${ins.line}: the runtime stage installs dev dependencies (npm ci without --omit=dev)`,
      );
    }
    if (/\bnpm\s+run\b/.test(ins.args)) {
      problems.push(
        `Dockerfile:${ins.line}: the runtime stage runs a build (npm run): build in the build stage`,
      );
    }
  }
  for (const ins of [...all('COPY'), ...all('ADD')]) {
    const { from, sources } = copyParts(ins.args);
    if (from && sources.some((s) => s.includes('node_modules'))) {
      problems.push(
        `Dockerfile:${ins.line}: the runtime stage copies node_modules from ${from} (dev dependencies)`,
      );
    }
  }
  const health = all('HEALTHCHECK').at(-1);
  const healthCmd = health && execForm(health.args.replace(/^(--\S+\s+)*CMD\s+/, ''));
  if (!health || /^NONE\b/.test(health.args))
    problems.push('Dockerfile: no HEALTHCHECK in the runtime stage');
  else if (!healthCmd) problems.push(`Dockerfile:${health.line}: HEALTHCHECK is not an exec-form CMD`);
  else {
    problems.push(...commandProblems(`Dockerfile:${health.line}: HEALTHCHECK`, healthCmd, repo));
    const script = healthCmd.find((w) => /\.m?js$/.test(w));
    if (!script || !repo.exists(script) || !repo.read(script).includes('/actuator/health/liveness')) {
      problems.push(`Dockerfile:${health.line}: HEALTHCHECK does not probe /actuator/health/liveness`);
    }
  }
  const cmd = all('CMD').at(-1);
  const argv = cmd && execForm(cmd.args);
  if (!cmd) problems.push('Dockerfile: no CMD in the runtime stage');
  else if (!argv)
    problems.push(`Dockerfile:${cmd.line}: CMD is not in exec form (signals would go to a shell)`);
  else problems.push(...commandProblems(`Dockerfile:${cmd.line}: CMD`, commandWords(argv), repo));
  return problems;
}
