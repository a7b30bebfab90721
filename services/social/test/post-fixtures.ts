// Helpers of the posts and feed tests: writing posts, following, uploading images, walking pages.
import assert from 'node:assert/strict';
import type { Api, ApiResponse, Platform, SignedUp } from '@chat/testing';
import sharp from 'sharp';

/**
 * The gateway's per-client bucket of the social routes out of the way (every test client is
 * 127.0.0.1, and UNLIMITED_GATEWAY does not list it yet); the per-user write limit stays.
 */
export const POSTS_SUITE_ENV = { GATEWAY_LIMIT_SOCIAL: '100000/100000' } as const;

export const follow = (api: Api, who: SignedUp, userId: number) =>
  api.post(`/api/social/users/${userId}/follow`, undefined, { token: who.token });

export async function makePrivate(api: Api, who: SignedUp): Promise<void> {
  const res = await api.patch('/api/social/me/settings', { private: true }, { token: who.token });
  assert.equal(res.status, 200, res.text);
}

/** `follower` asks to follow the private `owner`, who accepts. */
export async function approvedFollow(api: Api, follower: SignedUp, owner: SignedUp): Promise<void> {
  assert.deepEqual((await follow(api, follower, owner.userId)).body, { state: 'REQUESTED' });
  const res = await api.post(`/api/social/me/follow-requests/${follower.userId}/accept`, undefined, {
    token: owner.token,
  });
  assert.equal(res.status, 204, res.text);
}

export const postAs = (api: Api, who: SignedUp, body: unknown) =>
  api.post('/api/social/posts', body, { token: who.token });

/** Writes a post and returns its id. */
export async function write(api: Api, who: SignedUp, body: Record<string, unknown>): Promise<number> {
  const res = await postAs(api, who, body);
  assert.equal(res.status, 201, res.text);
  return res.body.id;
}

export const postIds = (res: ApiResponse) => {
  assert.equal(res.status, 200, res.text);
  return res.body.posts.map((p: { id: number }) => p.id) as number[];
};

/** Every page of a cursor-paged list (`posts` or `comments`), in order. */
export async function allPages(
  api: Api,
  who: SignedUp,
  path: string,
  size: number,
  key: 'posts' | 'comments' = 'posts',
  from: number | null = null,
): Promise<number[]> {
  const seen: number[] = [];
  let cursor: number | null = from;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const q: string = cursor ? `&cursor=${cursor}` : '';
    const res: ApiResponse = await api.get(`${path}${sep}size=${size}${q}`, { token: who.token });
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body[key].length <= size);
    seen.push(...res.body[key].map((x: { id: number }) => x.id));
    cursor = res.body.nextCursor;
  } while (cursor !== null);
  return seen;
}

/** A tiny PNG, JPEG, GIF and WebP (real images: the server decodes and re-encodes them). */
const tiny = (format: 'png' | 'jpeg' | 'gif' | 'webp') =>
  sharp({ create: { width: 3, height: 2, channels: 3, background: { r: 40, g: 160, b: 90 } } })
    .toFormat(format)
    .toBuffer();
export const IMAGES = {
  png: await tiny('png'),
  jpeg: await tiny('jpeg'),
  gif: await tiny('gif'),
  webp: await tiny('webp'),
};

/** Raw bytes to a path (the test client speaks JSON only). */
export async function sendBytes(
  p: Platform,
  who: Pick<SignedUp, 'token'> | null,
  path: string,
  body: Buffer | undefined,
  contentType: string | undefined,
  method = 'POST',
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${who.token}`;
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(`${p.server.url}${path}`, { method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  let parsed: Record<string, unknown> = {};
  if (res.headers.get('content-type')?.startsWith('application/json')) parsed = JSON.parse(bytes.toString());
  return { status: res.status, body: parsed, headers: res.headers, bytes };
}

/** Uploads an image for a post and returns its id. */
export async function upload(p: Platform, who: SignedUp, kind: keyof typeof IMAGES): Promise<string> {
  const res = await sendBytes(p, who, '/api/social/posts/images', IMAGES[kind], `image/${kind}`);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

export const getImage = (p: Platform, who: SignedUp, url: string) =>
  sendBytes(p, who, url, undefined, undefined, 'GET');
