// The social pages' addresses, framework-free: `/social` (feed), `/social/tags/{tag}`,
// `/social/posts/{id}`, `/social/users/{id}` (with `/followers`, `/following`, `/friends`),
// `/social/users/{id}/room`, `/social/me/room` (the rooms: social-room's screens) and
// `/social/me/settings` (private account, follow requests).

export type UserList = 'followers' | 'following' | 'friends';

export type SocialPage =
  | { kind: 'feed' }
  | { kind: 'tag'; tag: string }
  | { kind: 'post'; id: number }
  | { kind: 'profile'; userId: number; list: UserList | null }
  | { kind: 'room'; userId: number }
  | { kind: 'my-room' }
  | { kind: 'settings' };

const positive = (s: string | undefined): number | null => {
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** The social page of a path, or null when the path is not a social one. */
export function parseSocialPath(path: string): SocialPage | null {
  const p = path.length > 1 ? path.replace(/\/$/, '') : path;
  if (p === '/social') return { kind: 'feed' };
  if (p === '/social/me/room') return { kind: 'my-room' };
  if (p === '/social/me/settings') return { kind: 'settings' };
  const tag = /^\/social\/tags\/([^/]+)$/.exec(p);
  if (tag) {
    try {
      const t = decodeURIComponent(tag[1]!);
      return t.trim() ? { kind: 'tag', tag: t } : null;
    } catch {
      return null;
    }
  }
  const post = /^\/social\/posts\/(\d+)$/.exec(p);
  if (post) {
    const id = positive(post[1]);
    return id ? { kind: 'post', id } : null;
  }
  const user = /^\/social\/users\/(\d+)(?:\/(followers|following|friends|room))?$/.exec(p);
  if (user) {
    const userId = positive(user[1]);
    if (!userId) return null;
    if (user[2] === 'room') return { kind: 'room', userId };
    return { kind: 'profile', userId, list: (user[2] as UserList | undefined) ?? null };
  }
  return null;
}

export function socialPath(page: SocialPage): string {
  switch (page.kind) {
    case 'feed':
      return '/social';
    case 'tag':
      return `/social/tags/${encodeURIComponent(page.tag)}`;
    case 'post':
      return `/social/posts/${page.id}`;
    case 'profile':
      return `/social/users/${page.userId}${page.list ? `/${page.list}` : ''}`;
    case 'room':
      return `/social/users/${page.userId}/room`;
    case 'my-room':
      return '/social/me/room';
    case 'settings':
      return '/social/me/settings';
  }
}

export const profilePath = (userId: number) => socialPath({ kind: 'profile', userId, list: null });
export const tagPath = (tag: string) => socialPath({ kind: 'tag', tag });
