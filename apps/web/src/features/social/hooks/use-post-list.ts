// A list of posts (the feed, a user's, a tag's) for components: the first page, more by cursor,
// and the changes made here (a new post, an edit, a reaction, a deletion).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
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
  const loadingMore = useOneAtATime();
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
    const next = list?.next ?? null;
    if (next === null) return;
    void loadingMore.run(() =>
      social
        .posts(source, next)
        .then((page) => setList((l) => appendPage(l ?? { posts: [], next: null }, page)))
        .catch((e: Error) => setError(e.message)),
    );
  }, [social, key, list, loadingMore.run]);

  return {
    list,
    error,
    loadingMore: loadingMore.busy,
    more,
    prepend: (p) => setList((l) => prependPost(l ?? { posts: [], next: null }, p)),
    replace: (p) => setList((l) => (l ? replacePost(l, p) : l)),
    remove: (id) => setList((l) => (l ? removePost(l, id) : l)),
  };
}
