// A list of posts shown a page at a time (the feed, a user's posts, a tag's): pages merged by
// id (a post that moved between pages shows once), newest first, and local changes applied.
import type { Post } from '../api/types.ts';

export interface PostList {
  posts: Post[];
  /** The cursor of the next page; null when the last page is shown. */
  next: number | null;
}

/** Appends a page (older posts) to what is shown; a post already shown keeps its place and takes the newer copy. */
export function appendPage(list: PostList, page: { posts: Post[]; nextCursor: number | null }): PostList {
  const fresh = new Map(page.posts.map((p) => [p.id, p]));
  const kept = list.posts.map((p) => fresh.get(p.id) ?? p);
  const shown = new Set(kept.map((p) => p.id));
  return { posts: [...kept, ...page.posts.filter((p) => !shown.has(p.id))], next: page.nextCursor };
}

/** A post I just wrote: on top (once). */
export function prependPost(list: PostList, post: Post): PostList {
  return { ...list, posts: [post, ...list.posts.filter((p) => p.id !== post.id)] };
}

/** A post as the server now has it (edited, reacted to, commented on). */
export function replacePost(list: PostList, post: Post): PostList {
  return { ...list, posts: list.posts.map((p) => (p.id === post.id ? post : p)) };
}

export function removePost(list: PostList, id: number): PostList {
  return { ...list, posts: list.posts.filter((p) => p.id !== id) };
}
