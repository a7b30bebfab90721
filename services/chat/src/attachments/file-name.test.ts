import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '@chat/platform';
import { presentAttachment } from './attachment.presenter.ts';
import { checkFileName, contentDisposition } from './file-name.ts';

test('file names are kept as sent (NFC), or refused naming the rule', () => {
  assert.equal(checkFileName('여행 사진 (1).JPG'), '여행 사진 (1).JPG');
  assert.equal(checkFileName('e\u0301.txt'), 'é.txt');
  assert.equal(
    checkFileName('가족 👨\u200d👩\u200d👧.jpg'),
    '가족 👨\u200d👩\u200d👧.jpg',
    'emoji joiners stay',
  );
  for (const [name, rule] of [
    [undefined, /needs a name/],
    ['  ', /needs a name/],
    ['../etc/passwd', /must not contain \//],
    ['C:\\x.txt', /must not contain \//],
    ['..', /must not be \. or \.\./],
    ['a\u0000b', /control characters/],
    ['a\u001bb', /control characters/],
    ['x'.repeat(256), /at most 255/],
    ['invoice\u202efdp.exe', /direction controls/],
    ['\ud800.txt', /not valid Unicode/],
  ] as const) {
    assert.throws(
      () => checkFileName(name),
      (e: unknown) => isAppError(e) && e.status === 400 && rule.test(e.message),
      String(name),
    );
  }
});

test('Content-Disposition carries the name in UTF-8 and an ASCII stand-in, quotes escaped away', () => {
  assert.equal(
    contentDisposition('보고서 "최종".pdf', false),
    `attachment; filename="___ ____.pdf"; filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C%20%22%EC%B5%9C%EC%A2%85%22.pdf`,
  );
  assert.equal(
    contentDisposition("it's (1).png", true),
    `inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
  );
});

test('an attachment past its expiry says so; the paths are the room routes', () => {
  const ref = {
    id: 'A'.repeat(22),
    roomId: 7,
    name: 'a.png',
    size: 10,
    contentType: 'image/png',
    kind: 'IMAGE' as const,
    expiresAt: '2026-12-01T00:00:00.000Z',
  };
  const before = presentAttachment(ref, Date.parse('2026-11-30T23:59:59Z'));
  assert.deepEqual(
    [before.url, before.thumbnailUrl, before.expired],
    [`/api/rooms/7/attachments/${ref.id}`, `/api/rooms/7/attachments/${ref.id}/thumbnail`, false],
  );
  assert.equal(presentAttachment(ref, Date.parse('2026-12-01T00:00:00Z')).expired, true);
  assert.equal(presentAttachment({ ...ref, kind: 'FILE', expiresAt: null }).thumbnailUrl, null);
});
