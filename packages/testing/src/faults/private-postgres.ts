// A private PostgreSQL for fault tests: initdb into a temp directory, the server on a free
// port of 127.0.0.1 (trust auth, socket in the data directory), kill -9 and restart on the
// same port and data (crash recovery from the WAL, fsync on as in production).
// initdb runs with --no-sync: it only skips flushing the fresh cluster to disk, which a
// kill -9 of the server does not need (the OS keeps the page cache).
// As root, initdb and postgres run as the `postgres` OS user (PostgreSQL refuses root).
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../spawn-server.ts';
import { PrivateProcess, type PrivateServer, runPrivateServer } from './private-process.ts';

/** Where initdb and postgres are (TEST_PG_BIN overrides). */
export const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** url: postgres://postgres@127.0.0.1:<port>/postgres; kill9 takes the postmaster and every backend. */
export type PrivatePostgres = PrivateServer;

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'fault-pg-'));
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    execFileSync(
      join(PG_BIN, 'initdb'),
      ['-D', dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { stdio: 'pipe', ...user },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const server = new PrivateProcess({
    name: `postgres :${port}`,
    command: join(PG_BIN, 'postgres'),
    args: ['-D', dir, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'max_connections=200'],
    ...user,
    async probe() {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  });
  return runPrivateServer(server, { port, url, dir });
}
