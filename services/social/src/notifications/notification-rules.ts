import type { NotificationKind, PostVisibility, SocialEvent } from '@chat/contracts';
import { maySeeAccount, type Relation } from '../follows/follows.repository.ts';

/** A notification to store, before it has an id. */
export interface NotificationDraft {
  readonly recipientId: number;
  readonly kind: NotificationKind;
  /**
   * What it is about, unique per (recipient, kind): the event for follows (each follow or
   * request is news), the comment, the guestbook entry, the post and reacting user for a
   * reaction (a changed reaction is not news), the post or comment for a mention (an edit that
   * names someone again is not news, a newly named user is).
   */
  readonly subject: string;
  readonly actorId: number;
  readonly postId: number | null;
  readonly commentId: number | null;
  readonly entryId: number | null;
  readonly reaction: string | null;
}

/** Notifications that go away with what they were about. */
export type NotificationRemoval =
  | {
      readonly by: 'actor';
      readonly recipientId: number;
      readonly actorId: number;
      readonly kind: NotificationKind;
    }
  | {
      readonly by: 'subject';
      readonly recipientId: number;
      readonly kind: NotificationKind;
      readonly subject: string;
    }
  | { readonly by: 'post'; readonly postId: number }
  | { readonly by: 'comment'; readonly commentId: number };

export interface NotificationPlan {
  readonly add: readonly NotificationDraft[];
  readonly remove: readonly NotificationRemoval[];
}

/** The facts of a post an event carries. */
export interface PostFacts {
  readonly postId: number;
  readonly authorId: number;
  readonly visibility: PostVisibility;
  readonly authorPrivate: boolean;
}

/**
 * Whether `viewerId` may see the post, `rel` being what the viewer is to its author: the author
 * always; nobody else a PRIVATE post; approved followers a FOLLOWERS post, and any post of a
 * private account (private when the event said so or the account is now).
 */
export function maySeePost(post: PostFacts, viewerId: number, rel: Relation): boolean {
  if (viewerId === post.authorId) return true;
  if (post.visibility === 'PRIVATE') return false;
  if (post.visibility === 'FOLLOWERS') return rel.following;
  return maySeeAccount(viewerId, post.authorId, { ...rel, private: rel.private || post.authorPrivate });
}

/**
 * The users, other than the post's author, whose notification about this event depends on
 * whether they may see the post (mentioned users, the author of a comment replied to): the
 * caller reads their relation to the author before planning.
 */
export function viewersToCheck(event: SocialEvent): { authorId: number; userIds: number[] } | undefined {
  switch (event.type) {
    case 'PostCreated':
    case 'PostEdited':
    case 'CommentAdded': {
      const ids = new Set(event.mentions);
      if (event.type === 'CommentAdded' && event.parentAuthorId !== undefined) ids.add(event.parentAuthorId);
      ids.delete(event.authorId);
      return ids.size > 0 ? { authorId: event.authorId, userIds: [...ids] } : undefined;
    }
    default:
      return undefined;
  }
}

const NOTHING: NotificationPlan = { add: [], remove: [] };

const draft = (
  d: Pick<NotificationDraft, 'recipientId' | 'kind' | 'subject' | 'actorId'> & Partial<NotificationDraft>,
): NotificationDraft => ({ postId: null, commentId: null, entryId: null, reaction: null, ...d });

/**
 * Each recipient once (the first draft for them wins: they are listed most specific first),
 * never the actor themselves.
 */
function once(drafts: readonly NotificationDraft[]): NotificationDraft[] {
  const seen = new Set<number>();
  return drafts.filter((d) => {
    if (d.recipientId === d.actorId || seen.has(d.recipientId)) return false;
    seen.add(d.recipientId);
    return true;
  });
}

/**
 * What one social event does to notifications (pure). `relations` holds, for each user of
 * `viewersToCheck(event)`, what they are to the post's author; a user missing there is taken
 * as one who may not see the post. Removals: an unfollow takes back its NEW_FOLLOWER, a follow
 * (a request accepted) its FOLLOW_REQUEST, a removed reaction its REACTION, a deleted post or
 * comment everything about it. Visits notify no one.
 */
export function planNotifications(
  event: SocialEvent,
  relations: ReadonlyMap<number, Relation> = new Map(),
): NotificationPlan {
  const sees = (post: PostFacts, userId: number) => {
    const rel = relations.get(userId);
    return userId === post.authorId || (rel !== undefined && maySeePost(post, userId, rel));
  };
  switch (event.type) {
    case 'Followed':
      return {
        add: once([
          draft({
            recipientId: event.followeeId,
            kind: 'NEW_FOLLOWER',
            subject: `event:${event.eventId}`,
            actorId: event.followerId,
          }),
        ]),
        remove: [
          { by: 'actor', recipientId: event.followeeId, actorId: event.followerId, kind: 'FOLLOW_REQUEST' },
        ],
      };
    case 'Unfollowed':
      return {
        add: [],
        remove: [
          { by: 'actor', recipientId: event.followeeId, actorId: event.followerId, kind: 'NEW_FOLLOWER' },
        ],
      };
    case 'FollowRequested':
      return {
        add: once([
          draft({
            recipientId: event.targetId,
            kind: 'FOLLOW_REQUEST',
            subject: `event:${event.eventId}`,
            actorId: event.requesterId,
          }),
        ]),
        remove: [],
      };
    case 'PostCreated':
    case 'PostEdited':
      return {
        add: once(
          event.mentions
            .filter((userId) => sees(event, userId))
            .map((userId) =>
              draft({
                recipientId: userId,
                kind: 'MENTION',
                subject: `post:${event.postId}`,
                actorId: event.authorId,
                postId: event.postId,
              }),
            ),
        ),
        remove: [],
      };
    case 'PostDeleted':
      return { add: [], remove: [{ by: 'post', postId: event.postId }] };
    case 'CommentAdded': {
      const about = {
        subject: `comment:${event.commentId}`,
        actorId: event.commenterId,
        postId: event.postId,
        commentId: event.commentId,
      };
      const replied = event.parentId !== null ? event.parentAuthorId : undefined;
      return {
        add: once([
          ...(replied !== undefined && sees(event, replied)
            ? [draft({ ...about, recipientId: replied, kind: 'REPLY' })]
            : []),
          draft({ ...about, recipientId: event.authorId, kind: 'COMMENT' }),
          ...event.mentions
            .filter((userId) => sees(event, userId))
            .map((userId) => draft({ ...about, recipientId: userId, kind: 'MENTION' })),
        ]),
        remove: [],
      };
    }
    case 'CommentDeleted':
      return { add: [], remove: [{ by: 'comment', commentId: event.commentId }] };
    case 'ReactionAdded':
      return {
        add: once([
          draft({
            recipientId: event.authorId,
            kind: 'REACTION',
            subject: `reaction:${event.postId}:${event.userId}`,
            actorId: event.userId,
            postId: event.postId,
            reaction: event.reaction,
          }),
        ]),
        remove: [],
      };
    case 'ReactionRemoved':
      return {
        add: [],
        remove: [
          {
            by: 'subject',
            recipientId: event.authorId,
            kind: 'REACTION',
            subject: `reaction:${event.postId}:${event.userId}`,
          },
        ],
      };
    case 'GuestbookEntryAdded':
      return {
        add: once([
          draft({
            recipientId: event.ownerId,
            kind: 'GUESTBOOK',
            subject: `entry:${event.entryId}`,
            actorId: event.authorId,
            entryId: event.entryId,
          }),
        ]),
        remove: [],
      };
    default:
      return NOTHING;
  }
}
