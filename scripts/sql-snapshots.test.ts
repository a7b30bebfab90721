// Every repository query, written to a `.sql` file per repository, so that a query change
// shows in review as a diff of plain SQL (immich's query snapshots).
//   services/<name>/src/**/<repo>.queries.ts  ->  services/<name>/sql/<repo>.sql
// After changing a query: `UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`, review, commit.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The query files are loaded as they are, TypeScript, also when this file runs bundled.
import { tsImport } from 'tsx/esm/api';
import { renderSqlSnapshot, sqlLiteralCalls, tidySql } from './sql-snapshots.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const update = process.env.UPDATE_SQL_SNAPSHOTS === '1';
const COMMAND = 'UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots';

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

const services = readdirSync(join(root, 'services'))
  .map((name) => join(root, 'services', name))
  .filter((dir) => existsSync(join(dir, 'src')));

/** The first line where two texts differ, to point at in a failure. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}:\n  snapshot: ${a[at] ?? '(end of file)'}\n  code:     ${b[at] ?? '(end of file)'}`;
}

for (const service of services) {
  const rel = relative(root, service);
  const files = sourceFiles(join(service, 'src'));
  const queryFiles = files.filter((f) => f.endsWith('.queries.ts'));
  const sqlDir = join(service, 'sql');

  describe(`${rel}: SQL snapshots`, () => {
    for (const file of queryFiles) {
      const snapshot = join(sqlDir, `${basename(file, '.queries.ts')}.sql`);
      test(relative(root, snapshot), async () => {
        const rendered = renderSqlSnapshot(
          relative(root, file),
          await tsImport(pathToFileURL(file).href, import.meta.url),
        );
        if (update) {
          mkdirSync(sqlDir, { recursive: true });
          writeFileSync(snapshot, rendered);
          return;
        }
        assert.ok(
          existsSync(snapshot),
          `${relative(root, snapshot)} is missing: run ${COMMAND} and commit it`,
        );
        const stored = readFileSync(snapshot, 'utf8');
        if (stored !== rendered) {
          assert.fail(
            `${relative(root, snapshot)} differs from the queries in ${relative(root, file)} ` +
              `(${firstDifference(stored, rendered)})\n` +
              `A query changed: run ${COMMAND}, review the .sql diff and commit it.`,
          );
        }
      });
    }

    test('no snapshot without its queries file', () => {
      const expected = new Set(queryFiles.map((f) => `${basename(f, '.queries.ts')}.sql`));
      const stale = existsSync(sqlDir) ? readdirSync(sqlDir).filter((n) => !expected.has(n)) : [];
      if (update) {
        for (const name of stale) rmSync(join(sqlDir, name));
        return;
      }
      assert.deepEqual(stale, [], `stale snapshots in ${relative(root, sqlDir)}: run ${COMMAND}`);
    });

    test('query text lives in *.queries.ts files, not inline', () => {
      const inline = files
        .filter((f) => !f.endsWith('.queries.ts'))
        .flatMap((f) =>
          sqlLiteralCalls(readFileSync(f, 'utf8')).map((line) => `${relative(root, f)}:${line}`),
        );
      assert.deepEqual(
        inline,
        [],
        'SQL passed inline to query()/exec(): move it to the repository *.queries.ts',
      );
    });
  });
}

describe('SQL snapshot rendering', () => {
  test('a statement loses its surrounding blank lines and common indentation', () => {
    assert.equal(tidySql('\n    select 1\n      from t  \n'), 'select 1\n  from t');
  });

  test('inline SQL is found, also on the line after the call; named constants are not', () => {
    const code = [
      "await db.query('select 1');",
      'await tx.query<{ id: number }>(',
      '  `insert into t values ($1)`, [1]);',
      'await db.query(ROOM_SQL.find, [1]);',
      'const m = PATTERN.exec(text);',
    ].join('\n');
    assert.deepEqual(sqlLiteralCalls(code), [
      "1: await db.query('select 1');",
      '2: await tx.query<{ id: number }>(',
    ]);
  });
});
