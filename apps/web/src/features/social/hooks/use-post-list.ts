// A list of posts (the feed, a user's, a tag's) for components: the first page, more by cursor,
// and the changes made here (a new post, an edit, a reaction, a deletion).
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PostSource } from '../api/social-api.ts';
import type { Post } from '../api/types.ts';
import { appendPage, type PostList, prependPost, removePost, replacePost } from '../state/feed.ts';
import { useSocial } from './use-social.ts';

export interface PostListControl {
  /** Null while the first page loads. */
  readonly list: PostList | null;
  readonly error: string | null;
  readonly loadingMore: boolean;
  more(): void;
  prepend(p: Post): void;
  replace(p: Post): void;
  remove(id: number): void;
}

export function usePostList(source: PostSource): PostListControl {
  const social = useSocial();
  const [list, setList] = useState<PostList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify(source);

  useEffect(() => {
    let live = true;
    setList(null);
    setError(null);
    social
      .posts(source)
      .then((page) => live && setList(appendPage({ posts: [], next: null }, page)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [social, key]);

  const more = useCallback(() => {
    if (!list || list.next === null || loadingMore) return;
    setLoadingMore(true);
    social
      .posts(source, list.next)
      .then((page) => setList((l) => appendPage(l ?? { posts: [], next: null }, page)))
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoadingMore(false));
  }, [social, key, list, loadingMore]);

  return {
    list,
    error,
    loadingMore,
    more,
    prepend: (p) => setList((l) => prependPost(l ?? { posts: [], next: null }, p)),
    replace: (p) => setList((l) => (l ? replacePost(l, p) : l)),
    remove: (id) => setList((l) => (l ? removePost(l, id) : l)),
  };
}
