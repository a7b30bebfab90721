import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestS3Server, type TestS3Server } from '@chat/testing';
import { createFilesystemObjectStore } from '../src/storage/filesystem.ts';
import { createS3ObjectStore } from '../src/storage/s3.ts';
import { objectStoreContract } from './contract/object-store.contract.ts';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'chat-test-files-'));
  dirs.push(dir);
  return dir;
};
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

objectStoreContract('filesystem', async () => createFilesystemObjectStore({ dir: await tempDir() }));

let s3: TestS3Server;
before(async () => {
  s3 = await startTestS3Server();
});
after(async () => {
  await s3?.close();
});
objectStoreContract(
  's3 (s3rver)',
  async () =>
    createS3ObjectStore({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: s3.credentials,
      prefix: 'contract/',
    }),
  { keepsBrokenPuts: 's3rver writes objects in place as their bodies arrive' },
);

describe('filesystem object store', () => {
  it('leaves no temporary file behind after failed puts', async () => {
    const dir = await tempDir();
    const store = await createFilesystemObjectStore({ dir });
    await assert.rejects(store.put('a/b', Buffer.from('short'), 10));
    await assert.rejects(store.put('a/c', Buffer.from('too long'), 2));
    assert.deepEqual(await readdir(join(dir, '.tmp')), []);
  });

  it('is DOWN when its folder is gone', async () => {
    const dir = await tempDir();
    const store = await createFilesystemObjectStore({ dir });
    await rm(dir, { recursive: true });
    assert.equal((await store.health()).status, 'DOWN');
  });
});

describe('s3 object store', () => {
  it('is DOWN, naming why, when the bucket does not exist', async () => {
    const store = createS3ObjectStore({
      bucket: 'no-such-bucket',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: s3.credentials,
    });
    const health = await store.health();
    assert.equal(health.status, 'DOWN');
    assert.match(String(health.details.reason), /404/);
    await store.close();
  });
});
