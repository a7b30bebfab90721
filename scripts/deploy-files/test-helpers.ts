import assert from 'node:assert/strict';
import { readKnownConfig } from './config-variables.ts';
import { readRepo } from './repo.ts';

/** The repository these tests check, and what its config loader reads. */
export const repo = readRepo(new URL('../..', import.meta.url).pathname);
export const known = readKnownConfig(repo.root);

/** The problem a broken copy must produce (others may come with it). */
export function assertProblem(problems: string[], pattern: RegExp): void {
  assert.ok(
    problems.some((p) => pattern.test(p)),
    `expected a problem matching ${pattern}, got:\n${problems.join('\n') || '(none)'}`,
  );
}

export const copy = <T>(value: T): T => structuredClone(value);
