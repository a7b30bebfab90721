#!/usr/bin/env node
// Runs every *.test.ts with Node's test runner, bundled first (scripts/test-bundle.mjs: about a
// second less per file than through tsx); TEST_BUNDLE=0 runs the sources through tsx instead.
// Real-service suites (PostgreSQL, Redis, NATS) run when the services answer; with
// REQUIRE_SERVICES=1 (CI sets it) they must answer, or the run fails. Skipped suites are
// listed at the end so a run without servers says what it did not cover.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTestBundles } from './test-bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
// Arguments are path substrings: a file runs when it matches one of them (all files when
// there is none) and none of those written with a leading `!`.
const args0 = process.argv.slice(2);
const filters = args0.filter((a) => !a.startsWith('!'));
const excluded = args0.filter((a) => a.startsWith('!')).map((a) => a.slice(1));
const roots = ['apps', 'packages', 'services', 'bench', 'scripts'].map((d) => join(root, d));

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = roots
  .flatMap((d) => walk(d, []))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .filter((f) => !excluded.some((p) => f.includes(p)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const skipDir = mkdtempSync(join(tmpdir(), 'chat-test-skips-'));
const unhandled = pathToFileURL(join(root, 'scripts/test-unhandled.mjs')).href;
const env = {
  ...process.env,
  TEST_SKIP_DIR: skipDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${unhandled}`.trim(),
};
let run = { loader: ['--import', 'tsx'], files: files.map((f) => relative(root, f)), dir: undefined };
if (process.env.TEST_BUNDLE !== '0') {
  const started = performance.now();
  const bundles = await buildTestBundles(files).catch((err) => {
    console.error(`cannot bundle the test files: ${err.message}`);
    rmSync(skipDir, { recursive: true, force: true });
    process.exit(1);
  });
  run = { loader: [], files: bundles.tests.map((f) => relative(root, f)), dir: bundles.dir };
  // Servers the tests spawn run the launcher's bundle too (see spawnServer).
  env.TEST_SERVER_BUNDLE = bundles.launcher;
  console.log(`bundled ${files.length} test files in ${Math.round(performance.now() - started)} ms`);
}
const args = [
  ...run.loader,
  '--test',
  `--test-reporter=${process.env.TEST_REPORTER ?? 'spec'}`,
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'scripts/test-file-failures.mjs')}`,
  '--test-reporter-destination=stdout',
  `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
  '--test-timeout=180000',
  ...run.files,
];
console.log(
  `running ${files.length} test files; real services ${process.env.REQUIRE_SERVICES === '1' ? 'REQUIRED' : 'used when reachable'}`,
);
const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
// Stopped from outside: the runner stops its files, then the exit below cleans up.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (run.dir) rmSync(run.dir, { recursive: true, force: true });
  const skipped = readdirSync(skipDir).map((f) => readFileSync(join(skipDir, f), 'utf8').trim());
  rmSync(skipDir, { recursive: true, force: true });
  const unique = [...new Set(skipped)].sort();
  if (unique.length > 0) {
    console.log(`\nSKIPPED real-service suites (${unique.length}):`);
    for (const line of unique) console.log(`  - ${line}`);
    console.log('Start PostgreSQL, Redis and NATS (or run .ci/run) to cover them.');
  } else {
    console.log('\nAll real-service suites ran (none skipped).');
  }
  process.exit(code ?? (signal ? 1 : 0));
});
