import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostVisibility, SocialEvent } from '@chat/contracts';
import type { Relation } from '../follows/follows.repository.ts';
import { maySeePost, planNotifications, viewersToCheck } from './notification-rules.ts';

const AUTHOR = 1;
const FAN = 2; // an approved follower of the author
const STRANGER = 3; // follows no one
const OTHER = 4;

const envelope = { eventId: 'e-1', occurredAt: 1_700_000_000_000 };
const stranger: Relation = {
  private: false,
  following: false,
  requested: false,
  followsMe: false,
  blocked: false,
};
const follower: Relation = { ...stranger, following: true };
/** What each user is to AUTHOR, as the consumer reads it for viewersToCheck's users. */
const relations = (privateAccount = false) =>
  new Map<number, Relation>([
    [FAN, { ...follower, private: privateAccount }],
    [STRANGER, { ...stranger, private: privateAccount }],
    [OTHER, { ...stranger, private: privateAccount }],
  ]);

const post = (visibility: PostVisibility = 'PUBLIC', authorPrivate = false) => ({
  postId: 10,
  authorId: AUTHOR,
  visibility,
  authorPrivate,
});

/** The plan's additions as `recipient kind subject` lines, in order. */
const added = (event: SocialEvent, rels = relations()) =>
  planNotifications(event, rels).add.map((d) => `${d.recipientId} ${d.kind} ${d.subject}`);

test('follows: NEW_FOLLOWER (and the request it answers goes), FOLLOW_REQUEST, an unfollow takes it back', () => {
  const followed = planNotifications({ type: 'Followed', ...envelope, followerId: FAN, followeeId: AUTHOR });
  assert.deepEqual(followed.add, [
    {
      recipientId: AUTHOR,
      kind: 'NEW_FOLLOWER',
      subject: 'event:e-1',
      actorId: FAN,
      postId: null,
      commentId: null,
      entryId: null,
      reaction: null,
    },
  ]);
  assert.deepEqual(followed.remove, [
    { by: 'actor', recipientId: AUTHOR, actorId: FAN, kind: 'FOLLOW_REQUEST' },
  ]);
  assert.deepEqual(added({ type: 'FollowRequested', ...envelope, requesterId: STRANGER, targetId: AUTHOR }), [
    `${AUTHOR} FOLLOW_REQUEST event:e-1`,
  ]);
  const unfollowed = planNotifications({
    type: 'Unfollowed',
    ...envelope,
    followerId: FAN,
    followeeId: AUTHOR,
  });
  assert.deepEqual(unfollowed, {
    add: [],
    remove: [{ by: 'actor', recipientId: AUTHOR, actorId: FAN, kind: 'NEW_FOLLOWER' }],
  });
});

test('mentions in a post: only those who may see it, never the author; once per (post, user) across edits', () => {
  const created = (
    visibility: PostVisibility,
    authorPrivate = false,
  ): Extract<SocialEvent, { type: 'PostCreated' }> => ({
    type: 'PostCreated',
    ...envelope,
    ...post(visibility, authorPrivate),
    tags: [],
    mentions: [AUTHOR, FAN, STRANGER],
  });
  assert.deepEqual(added(created('PUBLIC')), [`${FAN} MENTION post:10`, `${STRANGER} MENTION post:10`]);
  assert.deepEqual(added(created('FOLLOWERS')), [`${FAN} MENTION post:10`], 'FOLLOWERS: approved followers');
  assert.deepEqual(added(created('PRIVATE')), [], 'PRIVATE: no one');
  assert.deepEqual(added(created('PUBLIC', true)), [`${FAN} MENTION post:10`], 'private account (event)');
  assert.deepEqual(
    added(created('PUBLIC'), relations(true)),
    [`${FAN} MENTION post:10`],
    'private account (turned private since)',
  );
  assert.deepEqual(
    added(created('PUBLIC'), new Map()),
    [],
    'no relation read: taken as not allowed to see it',
  );
  const blockedFan = new Map<number, Relation>([
    [FAN, { ...follower, blocked: true }],
    [STRANGER, stranger],
  ]);
  assert.deepEqual(added(created('PUBLIC'), blockedFan), [`${STRANGER} MENTION post:10`], 'blocked: never');
  // An edit names users again: the same subject, so only a newly named one is stored.
  const edited: SocialEvent = {
    ...created('PUBLIC'),
    type: 'PostEdited',
    eventId: 'e-2',
    mentions: [FAN, OTHER],
  };
  assert.deepEqual(added(edited), [`${FAN} MENTION post:10`, `${OTHER} MENTION post:10`]);
  assert.deepEqual(viewersToCheck(edited), { authorId: AUTHOR, userIds: [FAN, OTHER] });
});

test('a comment: the post author (COMMENT), the answered comment’s author (REPLY), mentions; each once, not the commenter', () => {
  const comment = (over: Partial<Extract<SocialEvent, { type: 'CommentAdded' }>> = {}): SocialEvent => ({
    type: 'CommentAdded',
    ...envelope,
    ...post(),
    commentId: 50,
    commenterId: STRANGER,
    parentId: null,
    mentions: [],
    ...over,
  });
  assert.deepEqual(added(comment()), [`${AUTHOR} COMMENT comment:50`]);
  assert.deepEqual(added(comment({ commenterId: AUTHOR })), [], 'the author on their own post');
  assert.deepEqual(
    added(comment({ parentId: 49, parentAuthorId: FAN, mentions: [FAN, OTHER, STRANGER, AUTHOR] })),
    [`${FAN} REPLY comment:50`, `${AUTHOR} COMMENT comment:50`, `${OTHER} MENTION comment:50`],
  );
  assert.deepEqual(
    added(comment({ parentId: 49, parentAuthorId: AUTHOR })),
    [`${AUTHOR} REPLY comment:50`],
    'answering the author: one notification, the more specific',
  );
  assert.deepEqual(
    added(comment({ parentId: 49 })),
    [`${AUTHOR} COMMENT comment:50`],
    'parentAuthorId not filled in yet: the post author only',
  );
  assert.deepEqual(
    added(comment({ ...post('FOLLOWERS'), parentId: 49, parentAuthorId: OTHER, mentions: [FAN, OTHER] })),
    [`${AUTHOR} COMMENT comment:50`, `${FAN} MENTION comment:50`],
    'someone no longer allowed to see the post hears nothing of it',
  );
  const plan = planNotifications(comment({ mentions: [OTHER] }), relations());
  assert.deepEqual(
    plan.add.map((d) => [d.postId, d.commentId, d.actorId]),
    [
      [10, 50, STRANGER],
      [10, 50, STRANGER],
    ],
  );
  assert.deepEqual(planNotifications({ type: 'CommentDeleted', ...envelope, postId: 10, commentId: 50 }), {
    add: [],
    remove: [{ by: 'comment', commentId: 50 }],
  });
  assert.deepEqual(planNotifications({ type: 'PostDeleted', ...envelope, postId: 10, authorId: AUTHOR }), {
    add: [],
    remove: [{ by: 'post', postId: 10 }],
  });
});

test('reactions to the post author, one per reacting user, taken back when removed; guestbook to the owner', () => {
  const reacted = (userId: number): SocialEvent => ({
    type: 'ReactionAdded',
    ...envelope,
    ...post(),
    userId,
    reaction: 'LOVE',
  });
  const plan = planNotifications(reacted(FAN));
  assert.deepEqual(
    plan.add.map((d) => [d.recipientId, d.kind, d.subject, d.actorId, d.postId, d.reaction]),
    [[AUTHOR, 'REACTION', `reaction:10:${FAN}`, FAN, 10, 'LOVE']],
  );
  assert.deepEqual(added(reacted(AUTHOR)), [], 'reacting to your own post');
  assert.deepEqual(
    planNotifications({ type: 'ReactionRemoved', ...envelope, postId: 10, authorId: AUTHOR, userId: FAN })
      .remove,
    [{ by: 'subject', recipientId: AUTHOR, kind: 'REACTION', subject: `reaction:10:${FAN}` }],
  );

  const entry = (authorId: number): SocialEvent => ({
    type: 'GuestbookEntryAdded',
    ...envelope,
    ownerId: AUTHOR,
    authorId,
    entryId: 7,
  });
  assert.deepEqual(
    planNotifications(entry(OTHER)).add.map((d) => [d.recipientId, d.kind, d.subject, d.actorId, d.entryId]),
    [[AUTHOR, 'GUESTBOOK', 'entry:7', OTHER, 7]],
  );
  assert.deepEqual(added(entry(AUTHOR)), [], 'writing in your own guestbook');
  assert.deepEqual(
    planNotifications({
      type: 'RoomVisited',
      ...envelope,
      ownerId: AUTHOR,
      visitorId: OTHER,
      day: '2026-12-07',
    }),
    { add: [], remove: [] },
  );
});

test('maySeePost: the author always, PRIVATE no one else, FOLLOWERS and private accounts approved followers', () => {
  const requested: Relation = { ...stranger, private: true, requested: true };
  assert.equal(maySeePost(post('PRIVATE'), AUTHOR, stranger), true);
  assert.equal(maySeePost(post('PRIVATE'), FAN, follower), false);
  assert.equal(maySeePost(post('FOLLOWERS'), FAN, follower), true);
  assert.equal(maySeePost(post('FOLLOWERS'), STRANGER, stranger), false);
  assert.equal(maySeePost(post('PUBLIC'), STRANGER, stranger), true);
  assert.equal(maySeePost(post('PUBLIC', true), STRANGER, stranger), false);
  assert.equal(maySeePost(post('PUBLIC'), STRANGER, requested), false, 'a waiting request is not enough');
  assert.equal(maySeePost(post('PUBLIC', true), FAN, { ...follower, private: true }), true);
});
