import type { FollowState, SocialProfile } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { wornItems } from '../avatars/avatar.service.ts';
import { recordEvent } from '../events/outbox.ts';
import type { SocialDeps } from '../social-deps.ts';
import { userOrPlaceholder } from '../users/social-users.ts';
import { maySeeAccount } from './follows.repository.ts';

async function mustExist(deps: SocialDeps, userId: number): Promise<void> {
  if (!(await deps.users.getUser(userId))) throw Errors.userNotFound(userId);
}

/**
 * Follows `targetId`: at once when their account is public (FOLLOWING), by a request when it
 * is private (REQUESTED). Following yourself is 400; following twice, or asking twice, 409.
 */
export async function follow(deps: SocialDeps, me: number, targetId: number): Promise<FollowState> {
  if (me === targetId) throw Errors.followSelf();
  await mustExist(deps, targetId);
  const state = await deps.db.transaction(async (tx) => {
    const rel = await deps.follows.relation(me, targetId, tx);
    // A block either way (chat's list): not said which, as chat never tells the blocked.
    if (rel.blocked) throw Errors.cannotFollow(targetId);
    if (rel.following) throw Errors.alreadyFollowing(targetId);
    if (rel.private) {
      if (!(await deps.follows.request(tx, me, targetId))) throw Errors.alreadyRequested(targetId);
      await recordEvent(tx, { type: 'FollowRequested', requesterId: me, targetId });
      return 'REQUESTED' as const;
    }
    if (!(await deps.follows.follow(tx, me, targetId))) throw Errors.alreadyFollowing(targetId);
    await deps.follows.withdrawRequest(tx, me, targetId);
    await recordEvent(tx, { type: 'Followed', followerId: me, followeeId: targetId });
    return 'FOLLOWING' as const;
  });
  deps.kick();
  return state;
}

/** Ends my follow of `targetId`, or withdraws my request; nothing to end is fine (idempotent). */
export async function unfollow(deps: SocialDeps, me: number, targetId: number): Promise<void> {
  const ended = await deps.db.transaction(async (tx) => {
    await deps.follows.withdrawRequest(tx, me, targetId);
    if (!(await deps.follows.unfollow(tx, me, targetId))) return false;
    await recordEvent(tx, { type: 'Unfollowed', followerId: me, followeeId: targetId });
    return true;
  });
  if (ended) deps.kick();
}

/** Removes `followerId` from my followers (idempotent). */
export async function removeFollower(deps: SocialDeps, me: number, followerId: number): Promise<void> {
  await unfollow(deps, followerId, me);
}

/** Accepts the waiting request of `requesterId`: they now follow me. 404 when none waits. */
export async function acceptRequest(deps: SocialDeps, me: number, requesterId: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await deps.follows.withdrawRequest(tx, requesterId, me))) {
      throw Errors.followRequestNotFound(requesterId);
    }
    if (await deps.follows.follow(tx, requesterId, me)) {
      await recordEvent(tx, { type: 'Followed', followerId: requesterId, followeeId: me });
    }
  });
  deps.kick();
}

/** Declines the request of `requesterId` (they are not told); none waiting is fine. */
export async function declineRequest(deps: SocialDeps, me: number, requesterId: number): Promise<void> {
  await deps.db.transaction((tx) => deps.follows.withdrawRequest(tx, requesterId, me));
}

/**
 * Sets my account private or public. Turning public accepts every waiting request (there is
 * nothing left to approve).
 */
export async function setPrivate(deps: SocialDeps, me: number, value: boolean): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await deps.follows.setPrivate(tx, me, value);
    if (value) return;
    for (const requesterId of await deps.follows.takeAllRequests(tx, me)) {
      if (await deps.follows.follow(tx, requesterId, me)) {
        await recordEvent(tx, { type: 'Followed', followerId: requesterId, followeeId: me });
      }
    }
  });
  deps.kick();
}

/** A user's social profile as `me` sees it. */
export async function profileOf(
  deps: SocialDeps,
  me: number,
  userId: number,
  postCount: (authorId: number, viewerId: number) => Promise<number>,
): Promise<SocialProfile> {
  const [profiles, rel, counts] = await Promise.all([
    deps.users.getPublicProfiles([userId]),
    deps.follows.relation(me, userId),
    deps.follows.counts(userId),
  ]);
  if (profiles.length === 0) throw Errors.userNotFound(userId);
  const visible = maySeeAccount(me, userId, rel);
  const [posts, avatar] = visible
    ? await Promise.all([postCount(userId, me), wornItems(deps.db, userId)])
    : [0, []];
  return {
    user: userOrPlaceholder(profiles, userId),
    private: rel.private,
    followers: counts.followers,
    following: counts.following,
    posts,
    visible,
    me: rel.following ? 'FOLLOWING' : rel.requested ? 'REQUESTED' : 'NONE',
    followsMe: rel.followsMe,
    avatar,
  };
}
