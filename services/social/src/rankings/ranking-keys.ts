import { generationOf } from './scoring.ts';

// Keys of the rankings in the shared cache (the adapter adds the namespace). The popular posts
// of one generation (scoring.ts) live in `social:rank:posts:{generation}`; `...:ready` says the
// key was built (a flushed cache loses both, and the next read rebuilds); `...:rebuild` is the
// lease of the node that rebuilds. Functions of a time take the generation it falls in.

export const RANKING_KEYS = {
  posts: (t: number) => `social:rank:posts:${generationOf(t)}`,
  ready: (t: number) => `social:rank:posts:${generationOf(t)}:ready`,
  rebuildLease: (t: number) => `social:rank:posts:${generationOf(t)}:rebuild`,
  /** What a user's reaction added to a post (`time:increment`), until it is removed. */
  reaction: (postId: number, userId: number) => `social:rank:r:${postId}:${userId}`,
  /** A commenter counted on a post (their first comment only). */
  commenter: (postId: number, userId: number) => `social:rank:c:${postId}:${userId}`,
  /** A viewer counted on a post on a day (one view per viewer and day). */
  viewer: (postId: number, userId: number, day: number) => `social:rank:v:${postId}:${userId}:${day}`,
} as const;
