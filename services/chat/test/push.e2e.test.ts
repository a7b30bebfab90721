import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { PushPayload, SocialPushPayload } from '@chat/contracts';
import { eventually, startTestPushService, type TestPushService, type TestSubscription } from '@chat/testing';
import { deployments, useDeployment } from './deployments.ts';
import { api, signup, type TestUser } from './harness.ts';

const payloads = (push: TestPushService, sub: TestSubscription) =>
  push.received.filter((r) => sub.endpoint.endsWith(r.path)).map((r) => JSON.parse(r.payload) as PushPayload);

for (const [name, start, skip] of await deployments('push')) {
  describe(`Web Push (${name})`, { skip }, () => {
    const { d, stomp } = useDeployment(start, {});
    let push: TestPushService;
    before(async () => {
      push = await startTestPushService();
    });
    after(() => push?.close());

    const subscribe = async (user: TestUser, url = d.urlB) => {
      const sub = push.subscribe();
      const res = await api(url, 'POST', '/api/push/subscriptions', user.token, {
        endpoint: sub.endpoint,
        keys: sub.keys,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return sub;
    };

    /** A (node A) in a group with B and C (node B), both subscribed; A sends through STOMP. */
    async function group() {
      const a = await signup(d.urlA, '보내는이');
      const b = await signup(d.urlB, `받는이${randomUUID().slice(0, 4)}`);
      const c = await signup(d.urlB, `표시${randomUUID().slice(0, 4)}`);
      const e = await signup(d.urlB, `넷째${randomUUID().slice(0, 4)}`);
      const room = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/group', a.token, {
        name: '주말 등산',
        memberIds: [b.userId, c.userId, e.userId],
      });
      const [subB, subC, subE] = [await subscribe(b), await subscribe(c), await subscribe(e)];
      const ca = await stomp(d.urlA, a);
      const send = (content: string, extra: Record<string, unknown> = {}) =>
        ca.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content, ...extra });
      return { a, b, c, roomId: room.body.id, subB, subC, subE, send };
    }

    test('a new message reaches a subscribed member as an encrypted push, signed with the server key', async () => {
      const a = await signup(d.urlA, '앨리스');
      const b = await signup(d.urlB, '밥');
      const room = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/direct', a.token, {
        targetUserId: b.userId,
      });
      const sub = await subscribe(b);
      const ca = await stomp(d.urlA, a);
      await ca.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content: '내일 10시에 봐요 ⛰️' });
      await push.until(() => payloads(push, sub).length === 1);
      const got = push.received.find((r) => sub.endpoint.endsWith(r.path))!;
      const key = await api<{ publicKey: string }>(d.urlB, 'GET', '/api/push/key', b.token);
      assert.equal(got.vapidKey, key.body.publicKey, 'signed with the key browsers subscribe with');
      assert.equal(got.claims.aud, push.origin);
      assert.match(got.claims.sub, /^mailto:/);
      assert.ok(got.claims.exp > Date.now() / 1000 && got.claims.exp <= Date.now() / 1000 + 24 * 3600);
      assert.equal(got.headers.topic, `room${room.body.id}`, 'one pending notification per room');
      assert.equal(got.headers.urgency, 'normal');
      assert.ok(Number(got.headers.ttl) > 0);
      const [payload] = payloads(push, sub);
      assert.deepEqual(
        { ...payload, messageId: 0 },
        {
          roomId: room.body.id,
          roomName: null,
          direct: true,
          senderNickname: '앨리스',
          preview: '내일 10시에 봐요 ⛰️',
          mentioned: false,
          messageId: 0,
        },
      );
      assert.equal(payloads(push, push.subscribe()).length, 0);
      assert.deepEqual(push.failures, []);
    });

    test('a muted room notifies only a mention; hidden previews say who, not what', async () => {
      const { b, roomId, subB, subC, send } = await group();
      const settings = { previews: false, dndStart: null, dndEnd: null, timeZone: 'Asia/Seoul' };
      assert.equal((await api(d.urlB, 'PUT', '/api/push/settings', b.token, settings)).status, 200);
      assert.deepEqual((await api(d.urlB, 'GET', '/api/push/settings', b.token)).body, settings);
      const muted = await api(d.urlB, 'PATCH', `/api/rooms/${roomId}/settings`, b.token, { muted: true });
      assert.equal(muted.status, 200, JSON.stringify(muted.body));
      await send('다들 몇 시에 출발해요?');
      await send(`@${b.nickname} 너도 와?`);
      await push.until(() => payloads(push, subB).length >= 1 && payloads(push, subC).length >= 2);
      const [toB] = payloads(push, subB);
      assert.deepEqual(
        [payloads(push, subB).length, toB?.mentioned, toB?.preview, toB?.roomName],
        [1, true, null, '주말 등산'],
      );
      assert.equal(push.received.find((r) => subB.endpoint.endsWith(r.path))?.headers.urgency, 'high');
      assert.deepEqual(
        payloads(push, subC).map((p) => p.preview),
        ['다들 몇 시에 출발해요?', `@${b.nickname} 너도 와?`],
      );
    });

    test('quiet hours and a block keep pushes away; a subscription the push service dropped is removed', async () => {
      const { a, b, c, subB, subC, subE, send } = await group();
      const now = new Date();
      const seoul = new Intl.DateTimeFormat('en-US', {
        timeZone: 'Asia/Seoul',
        hour: 'numeric',
        minute: 'numeric',
        hourCycle: 'h23',
      }).formatToParts(now);
      const minutes =
        Number(seoul.find((p) => p.type === 'hour')?.value) * 60 +
        Number(seoul.find((p) => p.type === 'minute')?.value);
      const quiet = {
        previews: true,
        dndStart: (minutes + 1440 - 30) % 1440,
        dndEnd: (minutes + 30) % 1440,
        timeZone: 'Asia/Seoul',
      };
      assert.equal((await api(d.urlB, 'PUT', '/api/push/settings', c.token, quiet)).status, 200);
      assert.equal((await api(d.urlB, 'PUT', `/api/rooms/blocked-users/${a.userId}`, b.token)).status, 204);
      const subB2 = await subscribe(b);
      await send('조용한 시간');
      // E's push shows the message's recipients were chosen (while A was still blocked).
      await push.until(() => payloads(push, subE).length === 1);
      assert.equal(
        (await api(d.urlB, 'DELETE', `/api/rooms/blocked-users/${a.userId}`, b.token)).status,
        204,
      );
      push.respond(subB, 410);
      await send('세 번째');
      // Batches are notified in order: once the later message's push is in, the earlier one's
      // would be too.
      await push.until(() => payloads(push, subB2).length === 1 && payloads(push, subB).length === 1);
      assert.deepEqual(
        payloads(push, subB2).map((p) => p.preview),
        ['세 번째'],
        'nothing while A was blocked',
      );
      assert.deepEqual(
        payloads(push, subB).map((p) => p.preview),
        ['세 번째'],
      );
      assert.equal(payloads(push, subC).length, 0, 'quiet hours: nothing');
      await eventually(async () => {
        const { rows } = await d.db.query<{ endpoint: string }>(
          'select endpoint from chat.push_subscriptions where user_id = $1',
          [b.userId],
        );
        return rows.length === 1 && rows[0]!.endpoint === subB2.endpoint;
      });
    });

    test('a push refused for now (503, then 429 with Retry-After) goes again and arrives; a 400 is not retried', async () => {
      const a = await signup(d.urlA, '재시도');
      const b = await signup(d.urlB, '받는이');
      const room = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/direct', a.token, {
        targetUserId: b.userId,
      });
      const [sub, other] = [await subscribe(b), await subscribe(b)];
      push.refuseNext(sub, { status: 503 }, { status: 429, retryAfterSec: 1 });
      push.refuseNext(other, { status: 400 });
      const ca = await stomp(d.urlA, a);
      await ca.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content: '다시 보내 줘' });
      // The push service records every try: two refused, the third taken.
      await push.until(() => payloads(push, sub).length === 3);
      assert.deepEqual(
        payloads(push, sub).map((p) => p.preview),
        ['다시 보내 줘', '다시 보내 줘', '다시 보내 줘'],
      );
      assert.deepEqual(
        payloads(push, other).map((p) => p.preview),
        ['다시 보내 줘'],
        'a 400 is the push service saying no: tried once',
      );
    });

    test('subscriptions and settings that cannot work are refused with the field named', async () => {
      const user = await signup(d.urlB);
      const good = push.subscribe();
      const bad: [string, unknown, RegExp][] = [
        ['http elsewhere', { endpoint: 'http://push.example.com/x', keys: good.keys }, /https/],
        ['not a URL', { endpoint: 'push service', keys: good.keys }, /URL/],
        ['ftp', { endpoint: 'ftp://push.example.com/x', keys: good.keys }, /https/],
        [
          'a point off the curve',
          {
            endpoint: good.endpoint,
            keys: {
              ...good.keys,
              p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
            },
          },
          /p256dh/,
        ],
        [
          'a short key',
          { endpoint: good.endpoint, keys: { ...good.keys, p256dh: randomBytes(33).toString('base64url') } },
          /p256dh/,
        ],
        [
          'auth of 8 bytes',
          { endpoint: good.endpoint, keys: { ...good.keys, auth: randomBytes(8).toString('base64url') } },
          /auth/,
        ],
        ['no keys', { endpoint: good.endpoint }, /keys/],
      ];
      for (const [what, body, message] of bad) {
        const res = await api<{ error: string; message: string }>(
          d.urlB,
          'POST',
          '/api/push/subscriptions',
          user.token,
          body,
        );
        assert.equal(res.status, 400, what);
        assert.match(res.body.message, message, what);
      }
      for (const body of [
        { previews: true, dndStart: 60, dndEnd: null, timeZone: 'UTC' },
        { previews: true, dndStart: null, dndEnd: null, timeZone: 'Mars/Olympus' },
        { previews: true, dndStart: 1440, dndEnd: 0, timeZone: 'UTC' },
      ]) {
        assert.equal(
          (await api(d.urlB, 'PUT', '/api/push/settings', user.token, body)).status,
          400,
          JSON.stringify(body),
        );
      }
      const { rows } = await d.db.query('select 1 from chat.push_subscriptions where user_id = $1', [
        user.userId,
      ]);
      assert.equal(rows.length, 0, 'nothing stored');
      assert.equal((await api(d.urlB, 'GET', '/api/push/key')).status, 401);
    });

    test('a social notification reaches my browsers as one push, whichever chat nodes hear of it', async () => {
      const me = await signup(d.urlB, `인기${randomUUID().slice(0, 4)}`);
      const fan = await signup(d.urlA, '첫팬');
      const later = await signup(d.urlA, '둘째팬');
      const sub = await subscribe(me);
      const social = () =>
        push.received
          .filter((r) => sub.endpoint.endsWith(r.path))
          .map((r) => JSON.parse(r.payload) as SocialPushPayload)
          .filter((x) => x.type === 'social');
      assert.equal(
        (await api(d.urlA, 'POST', `/api/social/users/${me.userId}/follow`, fan.token)).status,
        200,
      );
      await push.until(() => social().length === 1);
      // A second notice, after the first on every node: by then a second push of the first
      // would have been sent.
      assert.equal(
        (await api(d.urlB, 'POST', `/api/social/users/${me.userId}/follow`, later.token)).status,
        200,
      );
      await push.until(() => social().some((x) => x.actorId === later.userId));
      const first = social().filter((x) => x.actorId === fan.userId);
      assert.equal(first.length, 1, 'one push, not one per chat node');
      assert.deepEqual(
        { ...first[0], notificationId: 0 },
        {
          type: 'social',
          notificationId: 0,
          kind: 'NEW_FOLLOWER',
          actorId: fan.userId,
          actorNickname: '첫팬',
          postId: null,
          entryId: null,
          reaction: null,
        },
      );
      const got = push.received.find((r) => sub.endpoint.endsWith(r.path) && r.payload.includes('"social"'))!;
      assert.equal(got.headers.topic, 'social');
    });
  });
}
