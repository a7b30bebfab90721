import { decodeSocialEvent, SOCIAL_EVENTS_TOPIC, type SocialEvent } from '@chat/contracts';
import {
  type Cache,
  createEventConsumer,
  type EventConsumer,
  type EventLog,
  type Logger,
} from '@chat/platform';
import type { PopularPosts } from './popular-posts.ts';
import { RANKING_KEYS as K } from './ranking-keys.ts';
import { increment, REBUILD_WINDOW_MS } from './scoring.ts';

export const SOCIAL_RANKINGS_GROUP = 'social-rankings';

/** How long a counted reaction or commenter is remembered (redeliveries, removals). */
const REMEMBER_MS = REBUILD_WINDOW_MS + 24 * 3_600_000;

const RELEVANT: ReadonlySet<string> = new Set<SocialEvent['type']>([
  'ReactionAdded',
  'ReactionRemoved',
  'CommentAdded',
  'PostEdited',
  'PostDeleted',
]);

/** Only PUBLIC posts of public accounts enter the public ranking. */
const ranked = (e: { visibility: string; authorPrivate: boolean }) =>
  e.visibility === 'PUBLIC' && !e.authorPrivate;

/**
 * Keeps the popular posts (group 'social-rankings' of social.events): a reaction, and a
 * commenter's first comment, on a PUBLIC post of a public account by someone else adds its
 * increment (scoring.ts); a removed reaction takes back what it added; a deleted post, or one
 * no longer public, leaves. Each counts once: a reaction is remembered per (post, user) with
 * what it added, a commenter per (post, user), so a redelivered event adds nothing (and
 * adding and removing a reaction over and over does not pile up).
 */
export function rankingsApply(deps: {
  cache: Cache;
  popular: PopularPosts;
}): (event: SocialEvent) => Promise<void> {
  const { cache, popular } = deps;
  /** Counts once under `memo` (set first; undone when the count fails, to be retried). */
  async function once(memo: string, value: string, count: () => Promise<unknown>): Promise<void> {
    if (!(await cache.set(memo, value, { ifAbsent: true, ttlMs: REMEMBER_MS }))) return;
    try {
      await count();
    } catch (err) {
      await cache.del(memo);
      throw err;
    }
  }

  return async function apply(event: SocialEvent): Promise<void> {
    const t = event.occurredAt;
    switch (event.type) {
      case 'ReactionAdded': {
        if (!ranked(event) || event.userId === event.authorId) return;
        const inc = increment('REACTION', t);
        await once(K.reaction(event.postId, event.userId), `${t}:${inc}`, () =>
          popular.add(event.postId, 'REACTION', t, inc),
        );
        return;
      }
      case 'ReactionRemoved': {
        const memo = K.reaction(event.postId, event.userId);
        const counted = await cache.get(memo);
        if (counted === null) return;
        const [at, inc] = counted.split(':').map(Number);
        if (Number.isFinite(at) && Number.isFinite(inc)) await popular.subtract(event.postId, at!, inc!);
        await cache.del(memo);
        return;
      }
      case 'CommentAdded':
        if (!ranked(event) || event.commenterId === event.authorId) return;
        await once(K.commenter(event.postId, event.commenterId), String(t), () =>
          popular.add(event.postId, 'COMMENT', t),
        );
        return;
      case 'PostEdited':
        if (!ranked(event)) await popular.remove(event.postId, t);
        return;
      case 'PostDeleted':
        await popular.remove(event.postId, t);
        return;
      default:
        return;
    }
  };
}

/** The consumer of social.events that runs rankingsApply. */
export function createRankingsConsumer(deps: {
  log: EventLog;
  cache: Cache;
  popular: PopularPosts;
  logger: Logger;
}): EventConsumer {
  const apply = rankingsApply(deps);
  return createEventConsumer({
    log: deps.log,
    topic: SOCIAL_EVENTS_TOPIC,
    group: SOCIAL_RANKINGS_GROUP,
    what: 'social event (rankings)',
    decode: decodeSocialEvent,
    types: RELEVANT,
    apply,
    logger: deps.logger,
  });
}
