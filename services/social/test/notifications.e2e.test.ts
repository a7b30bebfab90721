// Notifications end to end, embedded and on PostgreSQL + Redis + NATS: follows and follow requests
// notify (through the log and the notifications consumer), the list pages, unread counts and read
// marks, someone else's notification is 404; a STOMP client gets each one live exactly once, also
// when the log delivers its event twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NOTIFICATIONS_DESTINATION,
  type Notification,
  type NotificationEvent,
  SOCIAL_EVENTS_TOPIC,
  SOCIAL_NOTIFICATIONS_CHANNEL,
  type SocialEvent,
} from '@chat/contracts';
import {
  type Api,
  describeOnBackends,
  eventually,
  type Platform,
  type SignedUp,
  signup,
} from '@chat/testing';
import { Client, type IMessage } from '@stomp/stompjs';
import { WebSocket } from 'ws';

const follow = (api: Api, who: SignedUp, userId: number) =>
  api.post(`/api/social/users/${userId}/follow`, undefined, { token: who.token });
const listOf = async (api: Api, who: SignedUp, query = ''): Promise<Notification[]> =>
  (await api.get(`/api/notifications${query}`, { token: who.token })).body.notifications;
const unread = async (api: Api, who: SignedUp): Promise<number> =>
  (await api.get('/api/notifications/unread-count', { token: who.token })).body.count;
/** The notifications of `who` once `check` holds for them (the consumer is asynchronous). */
const once = (api: Api, who: SignedUp, check: (list: Notification[]) => boolean) =>
  eventually(async () => {
    const list = await listOf(api, who);
    return check(list) && list;
  });

/** A STOMP session of `token` subscribed to its notifications (with a receipt), collecting them. */
async function liveNotifications(url: string, token: string) {
  const events: NotificationEvent[] = [];
  const client = new Client({
    webSocketFactory: () =>
      new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
    connectHeaders: { Authorization: `Bearer ${token}` },
    reconnectDelay: 0,
    heartbeatIncoming: 0,
    heartbeatOutgoing: 0,
    debug: () => undefined,
  });
  await new Promise<void>((resolve, reject) => {
    client.onConnect = () => resolve();
    client.onStompError = (frame) => reject(new Error(`STOMP ERROR: ${frame.headers.message}`));
    client.onWebSocketClose = (evt: { code: number }) => reject(new Error(`socket closed (${evt.code})`));
    client.activate();
  });
  await new Promise<void>((resolve, reject) => {
    client.subscribe('/user/queue/errors', (m: IMessage) => reject(new Error(m.body)));
    client.watchForReceipt('notifications', () => resolve());
    client.subscribe(NOTIFICATIONS_DESTINATION, (m: IMessage) => events.push(JSON.parse(m.body)), {
      receipt: 'notifications',
    });
  });
  return { events, close: () => client.deactivate() };
}

type WithoutId<T> = T extends unknown ? Omit<T, 'eventId'> : never;

/** The outbox's key of an event (its order): per follower, requester, room owner or post. */
function keyOf(event: SocialEvent): string {
  if (event.type === 'Followed' || event.type === 'Unfollowed') return `user:${event.followerId}`;
  if (event.type === 'FollowRequested') return `user:${event.requesterId}`;
  if (event.type === 'RoomVisited' || event.type === 'GuestbookEntryAdded') return `user:${event.ownerId}`;
  return `post:${event.postId}`;
}

/** Appends a social event to the log as the outbox relay does (no de-duplication id: a redelivery). */
async function appendEvent(p: Platform, event: SocialEvent): Promise<void> {
  const key = keyOf(event);
  await p.server.server.infra.log.append(SOCIAL_EVENTS_TOPIC, [
    { key, value: JSON.stringify(event), headers: { type: event.type } },
  ]);
}

/** Until the notifications consumer handled everything appended so far. */
const caughtUp = (p: Platform) =>
  eventually(async () =>
    (await p.server.server.infra.log.lag(SOCIAL_EVENTS_TOPIC, 'social-notifications')).every(
      (x) => x.lag === 0,
    ),
  );

await describeOnBackends('social: notifications', (p) => {
  test('follows and requests notify; pages, unread counts, read marks; an unfollow or accept takes its own back', async () => {
    const { api } = p();
    const [a, b, c, owner] = [await signup(api), await signup(api), await signup(api), await signup(api)];
    await api.patch('/api/social/me/settings', { private: true }, { token: owner.token });

    assert.equal((await follow(api, a, b.userId)).status, 200);
    await once(api, b, (list) => list.length === 1); // (follows of two users: two partitions)
    assert.equal((await follow(api, c, b.userId)).status, 200);
    const listed = await once(api, b, (list) => list.length === 2);
    const [fromC, fromA] = listed;
    assert.deepEqual(
      listed.map((n) => [n.kind, n.actor.id, n.actor.nickname, n.read, n.postId]),
      [
        ['NEW_FOLLOWER', c.userId, c.nickname, false, null],
        ['NEW_FOLLOWER', a.userId, a.nickname, false, null],
      ],
    );
    assert.ok(Date.parse(fromA!.createdAt) <= Date.now());
    const first = await api.get('/api/notifications?size=1', { token: b.token });
    assert.deepEqual(
      first.body.notifications.map((n: Notification) => n.id),
      [fromC!.id],
    );
    const next = await listOf(api, b, `?size=1&cursor=${first.body.nextCursor}`);
    assert.deepEqual(
      next.map((n) => n.id),
      [fromA!.id],
    );
    assert.equal((await api.get('/api/notifications?cursor=0', { token: b.token })).status, 400);

    // Read marks: one, then all; only mine (someone else's id is 404, unknown too).
    assert.equal(await unread(api, b), 2);
    const path = `/api/notifications/${fromA!.id}/read`;
    assert.equal((await api.post(path, undefined, { token: b.token })).status, 204);
    assert.equal((await api.post(path, undefined, { token: b.token })).status, 204, 'twice is fine');
    assert.equal(await unread(api, b), 1);
    const notMine = await api.post(path, undefined, { token: a.token });
    assert.equal(notMine.status, 404);
    assert.match(notMine.body.message, /Notification \d+ not found/);
    assert.equal(
      (await api.post('/api/notifications/987654321/read', undefined, { token: b.token })).status,
      404,
    );
    assert.equal((await api.get('/api/notifications')).status, 401);
    assert.deepEqual(await listOf(api, a), [], "a sees none of b's");
    assert.equal((await api.post('/api/notifications/read-all', undefined, { token: b.token })).status, 204);
    assert.equal(await unread(api, b), 0);
    assert.ok((await listOf(api, b)).every((n) => n.read));

    // An unfollow takes back its NEW_FOLLOWER.
    await api.delete(`/api/social/users/${b.userId}/follow`, { token: a.token });
    await once(api, b, (list) => list.length === 1 && list[0]!.actor.id === c.userId);

    // A request to a private account notifies; accepting it turns it into NEW_FOLLOWER.
    assert.deepEqual((await follow(api, a, owner.userId)).body, { state: 'REQUESTED' });
    const [request] = await once(api, owner, (list) => list.length === 1);
    assert.deepEqual([request!.kind, request!.actor.id], ['FOLLOW_REQUEST', a.userId]);
    await api.post(`/api/social/me/follow-requests/${a.userId}/accept`, undefined, { token: owner.token });
    const [followed] = await once(
      api,
      owner,
      (list) => list.length === 1 && list[0]!.kind === 'NEW_FOLLOWER',
    );
    assert.equal(followed!.actor.id, a.userId);
    assert.equal(await unread(api, owner), 1);
  });

  test('a STOMP client gets each notification live exactly once, also when the log delivers an event twice', async () => {
    const platform = p();
    const { api } = platform;
    const [a, b, c, d] = [await signup(api), await signup(api), await signup(api), await signup(api)];
    const live = await liveNotifications(platform.server.url, b.token);
    try {
      // Notices cross a process boundary: malformed ones are dropped by the chat nodes.
      for (const junk of ['not json', '{}', JSON.stringify({ userId: b.userId, event: { type: 'X' } })]) {
        await platform.server.server.infra.pubsub.publish(SOCIAL_NOTIFICATIONS_CHANNEL, junk);
      }
      await follow(api, a, b.userId);
      const fromA = await eventually(async () => live.events.find((e) => e.type === 'NOTIFICATION'));
      assert.equal(fromA.type, 'NOTIFICATION');
      assert.equal(fromA.unreadCount, 1);
      assert.deepEqual((await listOf(api, b))[0], fromA.notification);

      // The same Followed event twice (as after a relay or consumer crash): stored and told once.
      const event: SocialEvent = {
        type: 'Followed',
        eventId: `redelivered-${c.userId}`,
        occurredAt: Date.now(),
        followerId: c.userId,
        followeeId: b.userId,
      };
      await appendEvent(platform, event);
      await eventually(async () => live.events.some((e) => e.type === 'NOTIFICATION' && e.unreadCount === 2));
      await appendEvent(platform, event);
      await caughtUp(platform);
      // A later notification: had the second delivery been told, it would have come before this.
      await follow(api, d, b.userId);
      await eventually(async () =>
        live.events.some((e) => e.type === 'NOTIFICATION' && e.notification.actor.id === d.userId),
      );
      assert.equal(live.events.length, 3, 'nothing else, no junk');
      const told = live.events.flatMap((e) => (e.type === 'NOTIFICATION' ? [e.notification.actor.id] : []));
      assert.deepEqual(told, [a.userId, c.userId, d.userId]);
      assert.equal((await listOf(api, b)).length, 3);

      // Read marks reach the other tabs as the new count.
      await api.post('/api/notifications/read-all', undefined, { token: b.token });
      await eventually(async () => live.events.some((e) => e.type === 'UNREAD_COUNT' && e.unreadCount === 0));
    } finally {
      await live.close();
    }
  });

  test('post, comment, reaction and guestbook events (as their producers append them) notify and take back', async () => {
    const platform = p();
    const { api } = platform;
    const [author, fan, stranger, other] = [
      await signup(api),
      await signup(api),
      await signup(api),
      await signup(api),
    ];
    assert.equal((await follow(api, fan, author.userId)).status, 200);
    await once(api, author, (list) => list.length === 1);
    const base = { occurredAt: Date.now(), postId: 900_000 + author.userId, authorId: author.userId };
    const facts = { ...base, visibility: 'FOLLOWERS' as const, authorPrivate: false };
    const commentId = 800_000 + author.userId;
    let n = 0;
    const send = (event: WithoutId<SocialEvent>) =>
      appendEvent(platform, { ...event, eventId: `e2e-${author.userId}-${++n}` } as SocialEvent);
    const kinds = (list: Notification[]) => list.map((x) => `${x.kind} ${x.actor.id} ${x.commentId ?? '-'}`);

    await send({
      type: 'GuestbookEntryAdded',
      occurredAt: Date.now(),
      ownerId: other.userId,
      authorId: fan.userId,
      entryId: 7,
    });
    await caughtUp(platform); // (another partition than the post's: in this order)
    // A FOLLOWERS post names the fan and a stranger: only the fan may see it.
    await send({ type: 'PostCreated', ...facts, tags: [], mentions: [fan.userId, stranger.userId] });
    // Made PUBLIC and naming the fan again and someone new: only the new one is told.
    await send({
      type: 'PostEdited',
      ...facts,
      visibility: 'PUBLIC',
      tags: [],
      mentions: [fan.userId, other.userId],
    });
    await send({
      type: 'CommentAdded',
      ...facts,
      visibility: 'PUBLIC',
      commentId,
      commenterId: stranger.userId,
      parentId: commentId - 1,
      parentAuthorId: fan.userId,
      mentions: [other.userId],
    });
    await send({ type: 'ReactionAdded', ...facts, userId: fan.userId, reaction: 'LOVE' });
    await send({ type: 'ReactionAdded', ...facts, userId: fan.userId, reaction: 'HAHA' });
    await caughtUp(platform);
    assert.deepEqual(kinds(await listOf(api, fan)), [
      `REPLY ${stranger.userId} ${commentId}`,
      `MENTION ${author.userId} -`,
    ]);
    assert.deepEqual(await listOf(api, stranger), []);
    assert.deepEqual(kinds(await listOf(api, other)), [
      `MENTION ${stranger.userId} ${commentId}`,
      `MENTION ${author.userId} -`,
      `GUESTBOOK ${fan.userId} -`,
    ]);
    const [reaction, comment, followed] = await listOf(api, author);
    assert.deepEqual(
      [reaction, comment, followed].map((x) => [x?.kind, x?.actor.id, x?.postId, x?.reaction]),
      [
        ['REACTION', fan.userId, base.postId, 'HAHA'],
        ['COMMENT', stranger.userId, base.postId, null],
        ['NEW_FOLLOWER', fan.userId, null, null],
      ],
    );
    assert.equal((await listOf(api, other))[2]?.entryId, 7);

    // Taken back: the reaction, then everything about the comment, then about the post.
    await send({ type: 'ReactionRemoved', ...base, userId: fan.userId });
    await send({ type: 'CommentDeleted', occurredAt: Date.now(), postId: base.postId, commentId });
    await caughtUp(platform);
    assert.deepEqual(kinds(await listOf(api, author)), [`NEW_FOLLOWER ${fan.userId} -`]);
    assert.deepEqual(kinds(await listOf(api, fan)), [`MENTION ${author.userId} -`]);
    await send({ type: 'PostDeleted', ...base });
    await caughtUp(platform);
    assert.deepEqual(await listOf(api, fan), []);
    assert.deepEqual(kinds(await listOf(api, other)), [`GUESTBOOK ${fan.userId} -`]);
  });
});
