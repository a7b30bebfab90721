import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freePort } from '@chat/testing';
import pg from 'pg';
import { classifyFailure, isTransientError, PermanentError } from '../src/errors/transient.ts';
import { skipUnless, testServiceUrls } from '../src/testing/services.ts';

const skip = await skipUnless('transient errors', 'postgres');

/** The error a real `pg` call rejects with. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('classifyFailure with real pg errors', { skip }, () => {
  const client = new pg.Client({ connectionString: testServiceUrls.postgres });
  before(async () => {
    await client.connect();
    await client.query('create temp table t (id int primary key)');
  });
  after(() => client.end());

  test('connection refused (nothing listens) is transient', async () => {
    const port = await freePort();
    const refused = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      connectionTimeoutMillis: 2000,
    });
    const err = await rejection(refused.connect());
    assert.equal(classifyFailure(err), 'transient', String(err));
  });

  test('a pool that cannot connect (localhost, IPv4 and IPv6 refused) is transient', async () => {
    const port = await freePort();
    const pool = new pg.Pool({ connectionString: `postgres://postgres@localhost:${port}/postgres` });
    const err = await rejection(pool.query('select 1'));
    await pool.end();
    assert.equal(isTransientError(err), true, String(err));
  });

  test('an admin shutdown of the session (57P01) is transient', async () => {
    const victim = new pg.Client({ connectionString: testServiceUrls.postgres });
    victim.on('error', () => undefined);
    await victim.connect();
    const { rows } = await victim.query<{ pid: number }>('select pg_backend_pid() as pid');
    await client.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    const err = await rejection(victim.query('select 1'));
    await victim.end().catch(() => undefined);
    assert.equal(classifyFailure(err), 'transient', String(err));
  });

  test('a data exception (22P05, NUL in jsonb) is permanent', async () => {
    const err = await rejection(client.query(`select '"\\u0000"'::jsonb`));
    assert.equal((err as { code?: string }).code, '22P05');
    assert.equal(classifyFailure(err), 'permanent');
  });

  test('an integrity violation (23505) is permanent', async () => {
    await client.query('insert into t values (1)');
    const err = await rejection(client.query('insert into t values (1)'));
    assert.equal((err as { code?: string }).code, '23505');
    assert.equal(classifyFailure(err), 'permanent');
  });

  test('a serialization failure (40001) is transient', () => {
    assert.equal(
      classifyFailure(Object.assign(new Error('could not serialize'), { code: '40001' })),
      'transient',
    );
  });
});

describe('classifyFailure', () => {
  test('undecodable records are permanent, plain errors unknown', () => {
    assert.equal(classifyFailure(new PermanentError('malformed record')), 'permanent');
    assert.equal(classifyFailure(new SyntaxError('Unexpected token')), 'permanent');
    assert.equal(classifyFailure(new Error('boom')), 'unknown');
    assert.equal(classifyFailure('boom'), 'unknown');
  });

  test('a transient cause makes the wrapper transient', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    assert.equal(classifyFailure(new Error('persisting failed', { cause })), 'transient');
  });

  test('NATS client errors of a lost connection are transient', () => {
    for (const code of ['CONNECTION_CLOSED', 'DISCONNECT', 'TIMEOUT', '503'])
      assert.equal(classifyFailure(Object.assign(new Error('nats'), { code })), 'transient', code);
    assert.equal(classifyFailure(new Error('TIMEOUT')), 'transient');
  });

  test('Redis (ioredis) connection errors are transient', () => {
    assert.equal(classifyFailure(new Error('Connection is closed.')), 'transient');
    assert.equal(
      classifyFailure(new Error('Reached the max retries per request limit (which is 20).')),
      'transient',
    );
  });
});
