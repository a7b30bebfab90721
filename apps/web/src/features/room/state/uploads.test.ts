import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failed, formatSize, percent, progressed, removed, started, type Upload } from './uploads.ts';

test('an upload goes from started through progress to failed or removed, others untouched', () => {
  let list: Upload[] = [];
  list = started(list, 'a', { name: '사진.jpg', size: 1000 });
  list = started(list, 'b', { name: 'doc.pdf', size: 10 });
  list = progressed(list, 'a', 250);
  assert.deepEqual(list.map(percent), [25, 0]);
  list = progressed(list, 'a', 5000);
  assert.equal(list[0]!.sent, 1000, 'never past the size');
  list = failed(list, 'b', 'The file is larger than 20971520 bytes');
  assert.deepEqual(
    list.map((u) => [u.key, u.status, u.error]),
    [
      ['a', 'uploading', undefined],
      ['b', 'failed', 'The file is larger than 20971520 bytes'],
    ],
  );
  assert.deepEqual(progressed(list, 'b', 5)[1], list[1], 'a failed upload makes no more progress');
  assert.deepEqual(
    removed(list, 'a').map((u) => u.key),
    ['b'],
  );
  assert.equal(percent({ key: 'z', name: 'e', size: 0, sent: 0, status: 'uploading' }), 100);
});

test('sizes read like people write them', () => {
  assert.deepEqual(
    [0, 900, 1024, 1536, 10 * 1024, 3.45 * 1024 * 1024, 20 * 1024 * 1024, 5 * 1024 ** 3].map(formatSize),
    ['0 B', '900 B', '1.0 KB', '1.5 KB', '10 KB', '3.5 MB', '20 MB', '5.0 GB'],
  );
});
