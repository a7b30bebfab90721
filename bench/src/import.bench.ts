import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlExecutor } from '@chat/platform';
import { createTestPostgres, seedEmbeddedDataDir } from '@chat/platform/testing';
import { seedSpringSource } from '@chat/server';
import { spawnServer } from '@chat/testing';
import { startServerProcess } from './lib/server-process.ts';

/** Issue 16: the original Spring database imported (`import-spring`), into each kind of target. */
const USERS = Number(process.env.BENCH_IMPORT_USERS ?? 10_000);
const ROOMS = Number(process.env.BENCH_IMPORT_ROOMS ?? 2_000);
const MESSAGES = Number(process.env.BENCH_IMPORT_MESSAGES ?? 1_000_000);
const HASH = '$2a$10$ppC7itTIpa6rXE0kqZ5a5.Pg4CHpL0E0Kd05ZvBsuMn8gxi376Cei';
const SECRET = 'bench-import-secret-0123456789-0123456789';

/**
 * Runs the import as an operator would; its wall time and the process's peak resident memory.
 * `killAfterMs`: kill -9 it that long after it started on the messages, and report that.
 */
async function timedImport(env: Record<string, string>, sourceUrl: string, killAfterMs?: number) {
  const started = performance.now();
  const run = spawnServer({ ...env, JWT_SECRET: SECRET }, ['import-spring', '--source', sourceUrl]);
  if (killAfterMs !== undefined) {
    run.child.stderr?.on('data', () => {
      if (run.stderr().includes('messages '))
        setTimeout(() => run.child.kill('SIGKILL'), killAfterMs).unref();
    });
  }
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${run.child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // gone
    }
  }, 100);
  const code = await run.exited;
  clearInterval(sample);
  if (code !== 0 && !(killAfterMs !== undefined && code === 'SIGKILL')) {
    throw new Error(`import-spring exited ${code}: ${run.stderr()}`);
  }
  return {
    seconds: (performance.now() - started) / 1000,
    peakMb: Math.round(peakKb / 1024),
    killed: code === 'SIGKILL',
  };
}

/**
 * `npm run bench -- import`: a PostgreSQL database with the original schema and USERS users,
 * ROOMS rooms and MESSAGES messages (the generator), imported into a fresh embedded DATA_DIR and
 * into a fresh PostgreSQL database; time, messages per second and peak memory of each.
 */
export async function importBench(): Promise<string[]> {
  const lines: string[] = [];
  const source = await createTestPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const target = await createTestPostgres();
  try {
    const seeded = performance.now();
    await seedSpringSource(source, { users: USERS, rooms: ROOMS, messages: MESSAGES, passwordHash: HASH });
    lines.push(
      `source: ${USERS.toLocaleString('en')} users, ${ROOMS.toLocaleString('en')} rooms, ${MESSAGES.toLocaleString('en')} messages, generated in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );
    await seedEmbeddedDataDir(dataDir);
    for (const [name, env] of [
      ['embedded (PGlite in DATA_DIR)', { DATA_DIR: dataDir }],
      ['PostgreSQL (DATABASE_URL)', { DATABASE_URL: target.url }],
    ] as const) {
      const r = await timedImport(env, source.url);
      lines.push(
        `into ${name}: ${r.seconds.toFixed(1)} s, ${Math.round(MESSAGES / r.seconds).toLocaleString('en')} messages/s overall, peak RSS ${r.peakMb} MB`,
      );
    }
    // Killed mid-way and run again, into a second PostgreSQL database: every row once.
    const again = await createTestPostgres();
    try {
      const killed = await timedImport({ DATABASE_URL: again.url }, source.url, 10_000);
      const resumed = await timedImport({ DATABASE_URL: again.url }, source.url);
      const { rows } = await again.query<{
        users: number;
        rooms: number;
        n: number;
        keys: number;
        gaps: number;
      }>(
        `select (select count(*)::int from users.users) as users, (select count(*)::int from chat.rooms) as rooms,
                count(*)::int as n, count(distinct message_key)::int as keys,
                (select count(*)::int from (select room_id from chat.messages group by room_id
                  having max(seq) <> count(*)) g) as gaps
           from chat.messages`,
      );
      const c = rows[0]!;
      const exact =
        c.users === USERS && c.rooms === ROOMS && c.n === MESSAGES && c.keys === MESSAGES && c.gaps === 0;
      lines.push(await loginAndHistory(again.url, source));
      lines.push(
        `${killed.killed ? `killed (kill -9) 10 s into the messages, after ${killed.seconds.toFixed(1)} s` : `finished before the kill (${killed.seconds.toFixed(1)} s)`}, run again: ${resumed.seconds.toFixed(1)} s more; ` +
          `${c.users} users, ${c.rooms} rooms, ${c.n.toLocaleString('en')} messages (${c.keys.toLocaleString('en')} distinct keys), ${c.gaps} rooms with a seq gap: ${exact ? 'EXACT' : 'WRONG'}`,
      );
    } finally {
      await again.close();
    }
  } finally {
    await source.close();
    await target.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}

/**
 * On the imported database, as a person would: user 8 (a member of the source's room 1, a 1:1)
 * logs in with the Spring password, and the room's whole history, paged, is the source's, in
 * order.
 */
async function loginAndHistory(targetUrl: string, source: SqlExecutor): Promise<string> {
  const server = await startServerProcess({ DATABASE_URL: targetUrl, JWT_SECRET: SECRET });
  try {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'user8@example.com', password: 'spring-pass-1' }),
    });
    if (res.status !== 200) return `login with the Spring password: ${res.status} WRONG`;
    const { token } = (await res.json()) as { token: string };
    const get = async <T>(path: string) =>
      (await (
        await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as T;
    const rooms = await get<{ id: number; type: string }[]>('/api/rooms');
    const direct = rooms.find((r) => r.type === 'DIRECT');
    if (!direct) return 'login with the Spring password: OK; no 1:1 room: WRONG';
    const history: string[] = [];
    for (let cursor: number | undefined; ; ) {
      const page = await get<{ messages: { id: number; content: string }[]; hasMore: boolean }>(
        `/api/rooms/${direct.id}/messages?size=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      history.unshift(...page.messages.map((m) => m.content).reverse());
      if (!page.hasMore) break;
      cursor = page.messages.at(-1)!.id;
    }
    const { rows } = await source.query<{ content: string }>(
      'select content from messages where room_id = 1 order by id',
    );
    const same = history.length === rows.length && history.every((c, i) => c === rows[i]!.content);
    return `login with the Spring password: OK; a 1:1 room's history, ${history.length} messages paged: ${same ? 'the source order' : 'WRONG'}`;
  } finally {
    await server.stop();
  }
}
