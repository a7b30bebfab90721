import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createFilesystemObjectStore,
  createLogger,
  isAppError,
  type ObjectStore,
  runMigrations,
  type SqlDatabase,
} from '@chat/platform';
import { createTestPglite } from '@chat/platform/testing';
import { objectKeys } from './attachment.presenter.ts';
import { createAttachmentRepository } from './attachment.repository.ts';
import { type AttachmentLimits, createAttachmentService } from './attachment.service.ts';

const migrations = fileURLToPath(new URL('../../migrations', import.meta.url));
const HOUR = 3_600_000;

/** The clean-up and the quota, on the embedded database and files, with a clock the test moves. */
describe('attachment service', () => {
  let db: SqlDatabase;
  let storage: ObjectStore;
  let dir: string;
  let t = Date.parse('2026-12-01T00:00:00Z');
  const limits: AttachmentLimits = {
    maxBytes: 10_000,
    dailyQuotaBytes: 25_000,
    retentionDays: 0,
    unsentTtlMs: HOUR,
    maxImagePixels: 1_000_000,
  };
  const service = (overrides: Partial<AttachmentLimits> = {}) =>
    createAttachmentService({
      repo: createAttachmentRepository(db),
      storage,
      limits: { ...limits, ...overrides },
      logger: createLogger({ level: 'silent' }),
      now: () => t,
    });
  const file = (bytes: number, name = '메모.txt') => ({
    filename: name,
    mimetype: 'text/plain',
    file: Readable.from([Buffer.alloc(bytes, 'x')]),
  });
  const stored = async (id: string) => (await storage.head(objectKeys(id).original)) !== null;

  before(async () => {
    db = await createTestPglite();
    await runMigrations(db, 'chat', migrations);
    await db.exec(`
      insert into chat.users (id, nickname) values (1, '하나');
      insert into chat.rooms (id, type, name, created_by) values (10, 'GROUP', '방', 1);
      insert into chat.room_members (room_id, user_id) values (10, 1);
    `);
    dir = await mkdtemp(join(tmpdir(), 'chat-test-attachments-'));
    storage = await createFilesystemObjectStore({ dir });
  });
  after(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('uploads nobody sent go after UPLOAD_UNSENT_TTL_MIN; sent ones stay; expired ones go', async () => {
    const s = service();
    const unsent = await s.upload(1, 10, file(100));
    const sent = await s.upload(1, 10, file(100));
    await db.query(
      `insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at, attachment)
       values (10, 1, 1, 'k1', $1, 'FILE', now(), $2::jsonb)`,
      [sent.name, JSON.stringify({ id: sent.id })],
    );
    t += HOUR - 1;
    assert.equal(await s.cleanUp(), 0, 'not yet');
    t += 2;
    assert.equal(await s.cleanUp(), 1);
    assert.deepEqual([await stored(unsent.id), await stored(sent.id)], [false, true]);
    const rows = await db.query<{ id: string }>('select id from chat.attachments order by id');
    assert.deepEqual(
      rows.rows.map((r) => r.id),
      [sent.id],
    );

    const expiring = await service({ retentionDays: 1 }).upload(1, 10, file(100));
    assert.equal(expiring.expiresAt, new Date(t + 86_400_000).toISOString());
    await db.query(
      `insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at, attachment)
       values (10, 2, 1, 'k2', $1, 'FILE', now(), $2::jsonb)`,
      [expiring.name, JSON.stringify({ id: expiring.id })],
    );
    t += 86_400_000 - 1;
    assert.equal(await s.cleanUp(), 0, 'sent, and not expired yet');
    t += 1;
    assert.equal(await s.cleanUp(), 1);
    assert.equal(await stored(expiring.id), false);
    t += 86_400_000; // past everything's quota window, for the next test
  });

  test('the daily quota: refused with Retry-After until the oldest upload of the day is a day old', async () => {
    const s = service();
    const first = t;
    await s.upload(1, 10, file(10_000));
    t += HOUR;
    await s.upload(1, 10, file(10_000));
    await assert.rejects(s.upload(1, 10, file(6_000)), (err: unknown) => {
      assert.ok(isAppError(err) && err.code === 'UPLOAD_QUOTA_EXCEEDED');
      assert.equal(Number(err.headers['retry-after']), (first + 86_400_000 - t) / 1000);
      return true;
    });
    await s.upload(1, 10, file(5_000));
    const rows = await db.query<{ n: number }>(
      'select count(*)::int as n from chat.attachments where stored',
    );
    assert.ok(rows.rows[0]!.n >= 3);
  });
});
