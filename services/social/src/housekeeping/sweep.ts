import type { Logger, ObjectStore } from '@chat/platform';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { postImageKey } from '../posts/post-images.ts';
import type { PostsRepository } from '../posts/posts.repository.ts';
import type { RankingsRepository } from '../rankings/rankings.repository.ts';
import { REBUILD_WINDOW_MS } from '../rankings/scoring.ts';

/** Rows one statement takes or deletes at most: a pass never holds many locks for long. */
export const SWEEP_BATCH = 500;
/** An upload no post took within this is removed (the day post-images.ts counts waiting uploads in). */
export const UPLOAD_TTL_MS = 24 * 3_600_000;
/** The images of a deleted post go this long after it (a download in flight may finish). */
export const DELETED_POST_GRACE_MS = 3_600_000;
/** An image taken by a pass that did not remove it (storage failed, the node died) is taken again after this. */
export const RETAKE_AFTER_MS = 5 * 60_000;

/** Days of post view counts kept before today: what a rebuild of the popular posts reads, and one more. */
export const VIEW_DAYS_KEPT = REBUILD_WINDOW_MS / (24 * 3_600_000) + 1;

/** What one pass removed. */
export interface SweepCounts {
  /** Uploads no post took within UPLOAD_TTL_MS: objects and rows. */
  readonly uploads: number;
  /** Images of posts deleted over DELETED_POST_GRACE_MS ago: objects and rows. */
  readonly postImages: number;
  /** Notifications past their retention. */
  readonly notifications: number;
  /** Days of post view counts older than the popular posts' rebuild reads. */
  readonly viewDays: number;
}

export interface SweepDeps {
  readonly posts: Pick<
    PostsRepository,
    'takeStaleUploads' | 'takeDeletedPostImages' | 'forgetImages' | 'markDeletedPostsSwept'
  >;
  readonly notifications: Pick<NotificationsRepository, 'removeOlderThan'>;
  readonly rankings: Pick<RankingsRepository, 'forgetViewDays'>;
  readonly storage: Pick<ObjectStore, 'delete'>;
  readonly logger: Logger;
  /** Read notifications go this long after they were created; every one after `allMs`. */
  readonly keepNotifications: { readonly readMs: number; readonly allMs: number };
  readonly batch?: number;
}

/**
 * One housekeeping pass of the social service, in batches of SWEEP_BATCH: uploads never
 * attached, then the images of deleted posts (objects first, rows after: an image whose
 * objects could not be removed keeps its row and is taken again by a later pass), then old
 * notifications, then post view counts older than the popular posts' rebuild reads. Several nodes may sweep at once: each row is taken (or deleted) by one of
 * them, so each thing is removed once. `more()` is asked before each batch (the sweeper
 * renews its lease there, and answers false when the node stops).
 */
export function createSweep(deps: SweepDeps) {
  const batch = deps.batch ?? SWEEP_BATCH;

  /** Images taken by `take`, objects then rows, until none is left or storage fails. */
  async function removeImages(
    what: string,
    take: () => Promise<string[]>,
    more: () => Promise<boolean>,
  ): Promise<number> {
    let removed = 0;
    while (await more()) {
      const ids = await take();
      if (ids.length === 0) break;
      try {
        await deps.storage.delete(ids.map(postImageKey));
      } catch (err) {
        deps.logger.warn(
          { err, what, images: ids.length },
          'post images not removed from storage; tried again later',
        );
        break;
      }
      removed += await deps.posts.forgetImages(ids);
      if (ids.length < batch) break;
    }
    return removed;
  }

  /** Runs `step` (one batch, what it did) until it does less than a batch. */
  async function repeat(step: () => Promise<number>, more: () => Promise<boolean>): Promise<number> {
    let total = 0;
    while (await more()) {
      const n = await step();
      total += n;
      if (n < batch) break;
    }
    return total;
  }

  return async function sweep(more: () => Promise<boolean> = async () => true): Promise<SweepCounts> {
    const uploads = await removeImages(
      'uploads never attached',
      () => deps.posts.takeStaleUploads(UPLOAD_TTL_MS, RETAKE_AFTER_MS, batch),
      more,
    );
    const postImages = await removeImages(
      'images of deleted posts',
      () => deps.posts.takeDeletedPostImages(DELETED_POST_GRACE_MS, RETAKE_AFTER_MS, batch),
      more,
    );
    // Deleted posts with no image left leave the sweeper's index (those whose images stay
    // because storage failed are looked at again next time).
    await repeat(() => deps.posts.markDeletedPostsSwept(DELETED_POST_GRACE_MS, batch), more);
    const { readMs, allMs } = deps.keepNotifications;
    const notifications =
      (await repeat(() => deps.notifications.removeOlderThan(allMs, batch), more)) +
      (await repeat(() => deps.notifications.removeOlderThan(readMs, batch, 'read'), more));
    const viewDays = await repeat(() => deps.rankings.forgetViewDays(VIEW_DAYS_KEPT, batch), more);
    return { uploads, postImages, notifications, viewDays };
  };
}

export type Sweep = ReturnType<typeof createSweep>;
