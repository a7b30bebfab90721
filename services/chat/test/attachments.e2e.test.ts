import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { ChatMessage, MessageAttachment } from '@chat/contracts';
import { eventually, startTestS3Server } from '@chat/testing';
import sharp from 'sharp';
import { deployments, type StartDeployment, useDeployment } from './deployments.ts';
import { phonePhoto, pixelBomb, smallPdf } from './fixtures/images.ts';
import { api, signup, type TestUser } from './harness.ts';

const MAX_BYTES = 300_000;

/** Two chat nodes share one S3-protocol server (s3rver), as a fleet shares a bucket. */
const withS3 =
  (start: StartDeployment): StartDeployment =>
  async (env) => {
    const s3 = await startTestS3Server();
    try {
      const deployment = await start({ ...env, ...s3.env });
      return {
        ...deployment,
        stop: async () => {
          await deployment.stop();
          await s3.close();
        },
      };
    } catch (err) {
      await s3.close();
      throw err;
    }
  };

/** POST multipart/form-data with one part named `field` (default "file"). */
async function upload(
  url: string,
  user: TestUser,
  roomId: number,
  bytes: Buffer,
  name: string,
  type = 'application/octet-stream',
  field = 'file',
) {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), name);
  const res = await fetch(`${url}/api/rooms/${roomId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  return {
    status: res.status,
    body: (await res.json()) as MessageAttachment & { message?: string },
    headers: res.headers,
  };
}

async function download(url: string, user: TestUser, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    headers: { authorization: `Bearer ${user.token}`, ...headers },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

for (const [name, start, skip] of await deployments('attachments')) {
  const variant = name === 'embedded' ? start : withS3(start);
  describe(`attachments (${name})`, { skip }, () => {
    const { d, stomp } = useDeployment(variant, { UPLOAD_MAX_BYTES: String(MAX_BYTES) });

    /** A on node A and B on node B share a 1:1 room; A listens to it. */
    async function pair() {
      const a = await signup(d.urlA, '사진가');
      const b = await signup(d.urlB, '받는이');
      const room = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/direct', a.token, {
        targetUserId: b.userId,
      });
      assert.equal(room.status, 201);
      const roomId = room.body.id;
      const ca = await stomp(d.urlA, a);
      const cb = await stomp(d.urlB, b);
      const liveB = await cb.subscribe<ChatMessage>(`/topic/room.${roomId}`);
      return { a, b, roomId, ca, liveB };
    }

    test('a photo: uploaded, sent, seen live and in history, read whole, by range and as a thumbnail, without its GPS', async () => {
      const { a, b, roomId, ca, liveB } = await pair();
      const photo = await phonePhoto(640, 480);
      const taken = await sharp(photo).metadata();
      assert.ok(
        taken.exif?.toString('latin1').includes('TestPhone') && taken.orientation === 6,
        'the fixture has EXIF',
      );
      const up = await upload(d.urlA, a, roomId, photo, '바다 사진.jpg', 'image/jpeg');
      assert.equal(up.status, 201, JSON.stringify(up.body));
      assert.equal(up.body.kind, 'IMAGE');
      assert.equal(up.body.contentType, 'image/jpeg');
      assert.deepEqual([up.body.width, up.body.height], [480, 640], 'turned upright by its EXIF orientation');
      assert.equal(up.body.name, '바다 사진.jpg');
      assert.equal(up.body.url, `/api/rooms/${roomId}/attachments/${up.body.id}`);
      assert.equal(up.body.thumbnailUrl, `${up.body.url}/thumbnail`);

      const messageKey = randomUUID();
      await ca.sendWithReceipt('/app/chat.send', {
        roomId,
        type: 'IMAGE',
        attachmentId: up.body.id,
        messageKey,
      });
      const live = await liveB.find((m) => m.messageKey === messageKey);
      assert.equal(live.type, 'IMAGE');
      assert.equal(live.content, '바다 사진.jpg', "clients that show only text show the file's name");
      assert.deepEqual(live.attachment, { ...up.body, expired: false });
      const history = await api<{ messages: ChatMessage[] }>(
        d.urlB,
        'GET',
        `/api/rooms/${roomId}/messages`,
        b.token,
      );
      assert.deepEqual(history.body.messages[0]?.attachment, live.attachment);

      const whole = await download(d.urlB, b, up.body.url);
      assert.equal(whole.status, 200);
      assert.equal(whole.headers.get('content-type'), 'image/jpeg');
      assert.equal(Number(whole.headers.get('content-length')), up.body.size);
      assert.equal(whole.bytes.length, up.body.size);
      assert.equal(
        whole.headers.get('content-disposition'),
        `inline; filename="__ __.jpg"; filename*=UTF-8''${encodeURIComponent('바다 사진.jpg')}`,
      );
      assert.equal(whole.headers.get('accept-ranges'), 'bytes');
      const meta = await sharp(whole.bytes).metadata();
      assert.equal(meta.exif, undefined, 'no EXIF (and so no GPS) left');
      assert.deepEqual([meta.width, meta.height, meta.orientation], [480, 640, undefined]);

      const part = await download(d.urlB, b, up.body.url, { range: 'bytes=100-199' });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get('content-range'), `bytes 100-199/${up.body.size}`);
      assert.deepEqual(part.bytes, whole.bytes.subarray(100, 200));
      const past = await download(d.urlB, b, up.body.url, { range: `bytes=${up.body.size}-` });
      assert.equal(past.status, 416);
      assert.equal(past.headers.get('content-range'), `bytes */${up.body.size}`);
      const cached = await download(d.urlB, b, up.body.url, { 'if-none-match': whole.headers.get('etag')! });
      assert.equal(cached.status, 304);
      const head = await fetch(`${d.urlB}${up.body.url}`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${b.token}` },
      });
      assert.equal(head.status, 200);
      assert.equal(Number(head.headers.get('content-length')), up.body.size, 'HEAD tells the size');

      const scrape = await (await fetch(`${d.urlA}/actuator/prometheus`)).text();
      const sample = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(scrape)?.[1]);
      assert.ok(sample('chat_attachment_uploads_total\\{kind="IMAGE"\\}') >= 1, 'counted');
      assert.ok(sample('chat_attachment_bytes_stored_total') >= up.body.size);
      assert.ok(sample('chat_attachment_image_processing_seconds_count') >= 1);
      const thumb = await download(d.urlB, b, up.body.thumbnailUrl!);
      assert.equal(thumb.status, 200);
      assert.equal(thumb.headers.get('content-type'), 'image/webp');
      const tm = await sharp(thumb.bytes).metadata();
      assert.equal(tm.format, 'webp');
      assert.ok(tm.width! <= 400 && tm.height! <= 400 && tm.height === 400, `${tm.width}x${tm.height}`);
    });

    test('a file: its type found from the content, offered as a download under its name, never run', async () => {
      const { a, b, roomId, ca, liveB } = await pair();
      const up = await upload(d.urlA, a, roomId, smallPdf(), '보고서 (최종).pdf', 'text/plain');
      assert.equal(up.status, 201, JSON.stringify(up.body));
      assert.deepEqual(
        [up.body.kind, up.body.contentType, up.body.thumbnailUrl],
        ['FILE', 'application/pdf', null],
      );
      const messageKey = randomUUID();
      await ca.sendWithReceipt('/app/chat.send', {
        roomId,
        type: 'FILE',
        attachmentId: up.body.id,
        messageKey,
      });
      assert.equal((await liveB.find((m) => m.messageKey === messageKey)).attachment?.id, up.body.id);
      const file = await download(d.urlB, b, up.body.url);
      assert.equal(file.status, 200);
      assert.deepEqual(file.bytes, smallPdf());
      assert.match(file.headers.get('content-disposition')!, /^attachment; /);
      assert.match(file.headers.get('content-security-policy')!, /sandbox/);
      assert.equal(file.headers.get('x-content-type-options'), 'nosniff');

      const html = await upload(
        d.urlA,
        a,
        roomId,
        Buffer.from('<html><script>alert(1)</script></html>'),
        'x.html',
        'text/html',
      );
      assert.equal(html.status, 201);
      assert.equal(html.body.contentType, 'application/octet-stream', 'HTML is not served as HTML');
      const svg = await upload(
        d.urlA,
        a,
        roomId,
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'x.svg',
        'image/svg+xml',
      );
      assert.equal(svg.status, 400, 'an SVG claims to be an image it is not allowed to be');
    });

    test('only members read, and only what was sent (or is their own upload)', async () => {
      const { a, b, roomId } = await pair();
      const up = await upload(d.urlA, a, roomId, await phonePhoto(), 'p.jpg', 'image/jpeg');
      assert.equal(up.status, 201);
      assert.equal(
        (await download(d.urlA, a, up.body.url)).status,
        200,
        'the uploader sees it before sending',
      );
      assert.equal((await download(d.urlB, b, up.body.url)).status, 404, 'not sent yet: nobody else');
      const outsider = await signup(d.urlB);
      assert.equal((await download(d.urlB, outsider, up.body.url)).status, 403);
      const other = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/group', a.token, {
        name: 'x',
        memberIds: [outsider.userId],
      });
      assert.equal(
        (await download(d.urlA, a, `/api/rooms/${other.body.id}/attachments/${up.body.id}`)).status,
        404,
        'not in that room',
      );
      assert.equal((await fetch(`${d.urlA}${up.body.url}`)).status, 401);
      assert.equal((await upload(d.urlB, outsider, roomId, smallPdf(), 'a.pdf')).status, 403);
    });

    test('bad uploads get the contract error and store nothing', async () => {
      const { a, roomId } = await pair();
      const cases: [string, Promise<{ status: number; body: { message?: string } }>, number, RegExp][] = [
        [
          'over the limit',
          upload(d.urlA, a, roomId, randomBytes(MAX_BYTES + 1), 'big.bin'),
          413,
          /larger than 300000 bytes/,
        ],
        ['empty', upload(d.urlA, a, roomId, Buffer.alloc(0), 'empty.txt'), 400, /empty/],
        [
          'a lying image',
          upload(d.urlA, a, roomId, Buffer.from('not a png at all'), 'x.png', 'image/png'),
          400,
          /not the image/,
        ],
        [
          'a pixel bomb',
          upload(d.urlA, a, roomId, pixelBomb(), 'bomb.png', 'image/png'),
          400,
          /100000 x 100000 pixels/,
        ],
        ['a slash', upload(d.urlA, a, roomId, smallPdf(), 'a/b.pdf'), 400, /must not contain \//],
        ['dot dot', upload(d.urlA, a, roomId, smallPdf(), '..'), 400, /must not be \. or \.\./],
        ['NUL', upload(d.urlA, a, roomId, smallPdf(), 'a\u0000b.pdf'), 400, /control characters|NUL/],
        [
          '1,000 characters',
          upload(d.urlA, a, roomId, smallPdf(), `${'가'.repeat(1000)}.pdf`),
          400,
          /at most 255/,
        ],
        [
          'another part name',
          upload(d.urlA, a, roomId, smallPdf(), 'a.pdf', 'application/pdf', 'photo'),
          400,
          /part named "file"/,
        ],
      ];
      for (const [what, pending, status, message] of cases) {
        const res = await pending;
        assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
        assert.match(res.body.message ?? '', message, what);
      }
      const json = await api(d.urlA, 'POST', `/api/rooms/${roomId}/attachments`, a.token, { file: 'x' });
      assert.equal(json.status, 400);
      const { rows } = await d.db.query<{ n: number }>(
        'select count(*)::int as n from chat.attachments where uploader_id = $1',
        [a.userId],
      );
      assert.equal(rows[0]?.n, 0, 'nothing kept');
      const scrape = await (await fetch(`${d.urlA}/actuator/prometheus`)).text();
      const refusals = Number(/^chat_attachment_upload_refusals_total (\S+)$/m.exec(scrape)?.[1]);
      // Every case but the misnamed part, which the route refuses before reading any file.
      assert.ok(refusals >= cases.length - 1, `${refusals} refusals counted`);
    });

    test("sending someone else's, another room's, a used or a mismatched attachment is refused", async () => {
      const { a, b, roomId, ca } = await pair();
      const cb = await stomp(d.urlB, b);
      const photo = await upload(d.urlA, a, roomId, await phonePhoto(), 'p.jpg', 'image/jpeg');
      const pdf = await upload(d.urlA, a, roomId, smallPdf(), 'f.pdf');
      const elsewhere = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/group', a.token, {
        name: 'y',
        memberIds: [b.userId],
      });
      const refused = async (conn: typeof ca, body: Record<string, unknown>) => {
        const messageKey = randomUUID();
        conn.send('/app/chat.send', { messageKey, ...body });
        return conn.errors.find((e) => e.messageKey === messageKey);
      };
      assert.equal(
        (await refused(cb, { roomId, type: 'IMAGE', attachmentId: photo.body.id })).code,
        'ATTACHMENT_NOT_FOUND',
        "B sends A's upload",
      );
      assert.equal(
        (await refused(ca, { roomId: elsewhere.body.id, type: 'IMAGE', attachmentId: photo.body.id })).code,
        'ATTACHMENT_NOT_FOUND',
      );
      assert.equal(
        (await refused(ca, { roomId, type: 'IMAGE', attachmentId: pdf.body.id })).code,
        'INVALID_PAYLOAD',
      );
      assert.equal((await refused(ca, { roomId, type: 'FILE' })).code, 'INVALID_PAYLOAD');
      assert.equal(
        (await refused(ca, { roomId, type: 'TEXT', content: 'x', attachmentId: pdf.body.id })).code,
        'INVALID_PAYLOAD',
      );
      assert.equal(
        (await refused(ca, { roomId, type: 'FILE', attachmentId: 'AAAAAAAAAAAAAAAAAAAAAA' })).code,
        'ATTACHMENT_NOT_FOUND',
      );
      const messageKey = randomUUID();
      await ca.sendWithReceipt('/app/chat.send', {
        roomId,
        type: 'FILE',
        attachmentId: pdf.body.id,
        messageKey,
      });
      await ca.sendWithReceipt('/app/chat.send', {
        roomId,
        type: 'FILE',
        attachmentId: pdf.body.id,
        messageKey,
      });
      assert.equal(
        (await refused(ca, { roomId, type: 'FILE', attachmentId: pdf.body.id })).code,
        'INVALID_PAYLOAD',
        'sent already',
      );
      // A last message, then history once it holds it: everything sent before is stored by then.
      await ca.sendWithReceipt('/app/chat.send', { roomId, content: '끝', messageKey: `end-${messageKey}` });
      const history = await eventually(async () => {
        const page = await api<{ messages: ChatMessage[] }>(
          d.urlA,
          'GET',
          `/api/rooms/${roomId}/messages`,
          a.token,
        );
        return page.body.messages[0]?.content === '끝' && page.body.messages;
      });
      assert.deepEqual(
        history.slice(1).map((m) => m.attachment?.id),
        [pdf.body.id],
        'the retried SEND once, nothing else',
      );
    });

    test('unsending a photo takes it away: the message keeps no attachment and nobody can read it', async () => {
      const { a, b, roomId, ca } = await pair();
      const up = await upload(d.urlA, a, roomId, await phonePhoto(), 'p.jpg', 'image/jpeg');
      const messageKey = randomUUID();
      await ca.sendWithReceipt('/app/chat.send', {
        roomId,
        type: 'IMAGE',
        attachmentId: up.body.id,
        messageKey,
      });
      const history = async () =>
        (await api<{ messages: ChatMessage[] }>(d.urlB, 'GET', `/api/rooms/${roomId}/messages`, b.token)).body
          .messages[0];
      const sent = await eventually(async () => (await history()) ?? undefined);
      assert.equal((await download(d.urlB, b, up.body.url)).status, 200);
      const unsent = await api(d.urlA, 'DELETE', `/api/rooms/${roomId}/messages/${sent.id}`, a.token);
      assert.equal(unsent.status, 202);
      const after = await eventually(async () => {
        const m = await history();
        return m?.deletedAt ? m : undefined;
      });
      assert.equal(after.attachment, undefined);
      assert.equal((await download(d.urlB, b, up.body.url)).status, 404);
    });
  });
}
