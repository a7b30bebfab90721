import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSocialPath, type SocialPage, socialPath } from './routes.ts';

describe('social addresses', () => {
  it('parses each page and writes it back', () => {
    const pages: [string, SocialPage][] = [
      ['/social', { kind: 'feed' }],
      ['/social/tags/seoul', { kind: 'tag', tag: 'seoul' }],
      ['/social/tags/%EC%84%9C%EC%9A%B8', { kind: 'tag', tag: '서울' }],
      ['/social/posts/7', { kind: 'post', id: 7 }],
      ['/social/users/12', { kind: 'profile', userId: 12, list: null }],
      ['/social/users/12/followers', { kind: 'profile', userId: 12, list: 'followers' }],
      ['/social/users/12/following', { kind: 'profile', userId: 12, list: 'following' }],
      ['/social/users/12/friends', { kind: 'profile', userId: 12, list: 'friends' }],
      ['/social/users/12/room', { kind: 'room', userId: 12 }],
      ['/social/me/room', { kind: 'my-room' }],
      ['/social/me/settings', { kind: 'settings' }],
    ];
    for (const [path, page] of pages) {
      assert.deepEqual(parseSocialPath(path), page, path);
      assert.deepEqual(parseSocialPath(`${path}/`), page, `${path}/`);
      assert.equal(socialPath(page), path);
    }
  });
  it('other paths are not social', () => {
    for (const p of [
      '/',
      '/socials',
      '/store',
      '/social/users/0',
      '/social/users/x',
      '/social/users/1/room/x',
      '/social/posts/',
      '/social/tags/',
      '/social/tags/%E0%A4%A',
      '/social/me',
    ])
      assert.equal(parseSocialPath(p), null, p);
  });
});
