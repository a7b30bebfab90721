// The social routes (`/api/social/**`, `/api/notifications/**`; docs/services/social.md) as
// typed calls over the app's HTTP client: bearer token, refresh and errors come from it.
import type { Api } from '../../../lib/http.ts';
import type { ReactionCall } from '../state/reactions.ts';
import type { UserList } from '../state/routes.ts';
import type {
  Comment,
  CommentPage,
  CreateCommentBody,
  CreatePostBody,
  FollowResult,
  NotificationPage,
  Post,
  PostPage,
  PublicProfile,
  ReactionSummary,
  SocialProfile,
  SocialSettings,
  UnreadNotifications,
  UpdatePostBody,
  UploadedImage,
  UserPage,
} from './types.ts';

const page = (path: string, cursor?: number | null, size = 20) =>
  `${path}?size=${size}${cursor ? `&cursor=${cursor}` : ''}`;

/** Which posts a list shows: the feed, a user's, a tag's. */
export type PostSource = { kind: 'feed' } | { kind: 'user'; userId: number } | { kind: 'tag'; tag: string };

function postsPath(source: PostSource): string {
  switch (source.kind) {
    case 'feed':
      return '/api/social/feed';
    case 'user':
      return `/api/social/users/${source.userId}/posts`;
    case 'tag':
      return `/api/social/tags/${encodeURIComponent(source.tag)}/posts`;
  }
}

export function socialApi(api: Api) {
  return {
    posts: (source: PostSource, cursor?: number | null) =>
      api.request<PostPage>('GET', page(postsPath(source), cursor, 10)),
    post: (id: number) => api.request<Post>('GET', `/api/social/posts/${id}`),
    create: (body: CreatePostBody) => api.request<Post>('POST', '/api/social/posts', body),
    update: (id: number, body: UpdatePostBody) => api.request<Post>('PATCH', `/api/social/posts/${id}`, body),
    remove: (id: number) => api.request<void>('DELETE', `/api/social/posts/${id}`),
    /** The image's bytes as the body (the server checks them against their magic bytes). */
    uploadImage: (file: Blob) => api.request<UploadedImage>('POST', '/api/social/posts/images', file),

    react: (postId: number, call: ReactionCall): Promise<ReactionSummary | null> => {
      const path = `/api/social/posts/${postId}/reactions`;
      if (call.method === 'DELETE') return api.request<void>('DELETE', `${path}/me`).then(() => null);
      return api.request<ReactionSummary>(call.method, call.method === 'POST' ? path : `${path}/me`, {
        kind: call.kind,
      });
    },

    comments: (postId: number, cursor?: number | null) =>
      api.request<CommentPage>('GET', page(`/api/social/posts/${postId}/comments`, cursor)),
    replies: (postId: number, commentId: number, cursor?: number | null) =>
      api.request<CommentPage>(
        'GET',
        page(`/api/social/posts/${postId}/comments/${commentId}/replies`, cursor),
      ),
    comment: (postId: number, body: CreateCommentBody) =>
      api.request<Comment>('POST', `/api/social/posts/${postId}/comments`, body),
    deleteComment: (postId: number, commentId: number) =>
      api.request<void>('DELETE', `/api/social/posts/${postId}/comments/${commentId}`),

    profile: (userId: number) => api.request<SocialProfile>('GET', `/api/social/users/${userId}`),
    follow: (userId: number) => api.request<FollowResult>('POST', `/api/social/users/${userId}/follow`),
    unfollow: (userId: number) => api.request<void>('DELETE', `/api/social/users/${userId}/follow`),
    removeFollower: (userId: number) => api.request<void>('DELETE', `/api/social/me/followers/${userId}`),
    users: (userId: number, list: UserList, cursor?: number | null) =>
      api.request<UserPage>('GET', page(`/api/social/users/${userId}/${list}`, cursor)),

    settings: () => api.request<SocialSettings>('GET', '/api/social/me/settings'),
    setPrivate: (value: boolean) =>
      api.request<SocialSettings>('PATCH', '/api/social/me/settings', { private: value }),
    requests: (cursor?: number | null) =>
      api.request<UserPage>('GET', page('/api/social/me/follow-requests', cursor)),
    accept: (userId: number) => api.request<void>('POST', `/api/social/me/follow-requests/${userId}/accept`),
    decline: (userId: number) => api.request<void>('DELETE', `/api/social/me/follow-requests/${userId}`),

    notifications: (cursor?: number | null) =>
      api.request<NotificationPage>('GET', page('/api/notifications', cursor)),
    unreadCount: () => api.request<UnreadNotifications>('GET', '/api/notifications/unread-count'),
    markRead: (id: number) => api.request<void>('POST', `/api/notifications/${id}/read`),
    markAllRead: () => api.request<void>('POST', '/api/notifications/read-all'),

    /** Mention suggestions: the first 100 people I follow, and the people search (nickname prefix). */
    following: (userId: number) =>
      api.request<UserPage>('GET', page(`/api/social/users/${userId}/following`, null, 100)),
    searchUsers: (query: string, size: number) =>
      api.request<PublicProfile[]>('GET', `/api/users?query=${encodeURIComponent(query)}&size=${size}`),
  };
}

export type SocialApi = ReturnType<typeof socialApi>;
