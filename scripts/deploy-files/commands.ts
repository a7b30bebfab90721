import type { Repo } from './repo.ts';

/** Splits a shell-form command on blanks (the deployment files use no quoting in them). */
export function commandWords(command: string | readonly string[]): string[] {
  return typeof command === 'string' ? command.trim().split(/\s+/).filter(Boolean) : [...command];
}

/**
 * Problems with a command the platform's image runs: `node` with files of the repository and
 * `--import` of a package the production install has; `npm run X` / `npm start` with scripts
 * of the root package.json.
 */
export function commandProblems(where: string, command: readonly string[], repo: Repo): string[] {
  const [program, ...args] = command;
  const problems: string[] = [];
  if (program === 'node') {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--import' || arg === '--require' || arg === '-r') {
        const mod = args[++i];
        if (mod && !mod.startsWith('.') && !mod.startsWith('/') && !repo.dependencies.has(mod)) {
          problems.push(`${where}: ${arg} ${mod} is not a runtime dependency of the root package.json`);
        }
      } else if (!arg.startsWith('-') && /\.(m?[jt]s|cjs)$/.test(arg) && !repo.exists(arg)) {
        problems.push(`${where}: ${arg} does not exist in the repository`);
      }
    }
  } else if (program === 'npm') {
    const run = args[0] === 'run' || args[0] === 'run-script';
    const script = run ? args[1] : ['start', 'test'].includes(args[0] ?? '') ? args[0] : undefined;
    if (script && !repo.scripts.has(script)) {
      problems.push(`${where}: npm ${run ? 'run ' : ''}${script} has no script in package.json`);
    }
  }
  return problems;
}
