import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApi, signup } from '@chat/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { tabTo } from './pages.ts';

const skip = skipUnlessChromium('keyboard-only use in Chromium');

/** A fresh Korean page at desktop width, logged in as `user` with Tab, typing and Enter only. */
async function logInByKeyboard(
  browser: Browser,
  url: string,
  user: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await tabTo(page, page.getByLabel('이메일'));
  await page.keyboard.type(user.email);
  await tabTo(page, page.getByLabel('비밀번호'));
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  return { context, page };
}

describe('keyboard-only use (Chromium)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  test('log in, open a chat and send a message with Tab, typing and Enter only; focus always shows', async () => {
    const api = createApi(web.url);
    const me = await signup(api, { nickname: '키보드' });
    const friend = await signup(api, { nickname: '마우스없이' });
    const room = await api.post('/api/rooms/direct', { targetUserId: friend.userId }, { token: me.token });
    assert.equal(room.status, 201);

    const { context, page } = await logInByKeyboard(browser, web.url, me);

    const chat = page.getByRole('link', { name: /마우스없이/ });
    await chat.waitFor();
    await tabTo(page, chat);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: '마우스없이' }).waitFor();

    const composer = page.getByLabel('메시지 입력');
    await tabTo(page, composer);
    await page.keyboard.type('마우스 없이 보냈어요');
    await page.keyboard.press('Enter');
    await page
      .locator('[role=log] .bubble-row[data-seq] .bubble', { hasText: '마우스 없이 보냈어요' })
      .waitFor();

    const messages = await api.get(`/api/rooms/${room.body.id}/messages`, { token: friend.token });
    assert.deepEqual(
      messages.body.messages.map((m: { content: string }) => m.content),
      ['마우스 없이 보냈어요'],
      'the other member has the message',
    );
    await context.close();
  });

  test('social by keyboard: the bell, follow back, the feed, post and react; focus always shows', async () => {
    const api = createApi(web.url);
    const me = await signup(api, { nickname: '키보드피드' });
    const friend = await signup(api, { nickname: '탭친구' });
    const theirs = await api.post(
      '/api/social/posts',
      { text: '탭으로 읽어 주세요' },
      { token: friend.token },
    );
    assert.equal(theirs.status, 201);

    const { context, page } = await logInByKeyboard(browser, web.url, me);
    await page.getByText('대화를 선택하세요.').waitFor();

    // A follower arrives live: the bell says so; Enter opens it, the notification opens their profile.
    assert.equal(
      (await api.post(`/api/social/users/${me.userId}/follow`, {}, { token: friend.token })).status,
      200,
    );
    const bell = page.locator('.sidebar').getByRole('button', { name: /알림, 읽지 않은 알림 1/ });
    await bell.waitFor();
    await tabTo(page, bell);
    await page.keyboard.press('Enter');
    const notice = page.getByRole('button', { name: /탭친구님이 나를 팔로우했어요/ });
    await tabTo(page, notice);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '탭친구' }).waitFor();

    const followBack = page.getByRole('button', { name: '맞팔로우' });
    await tabTo(page, followBack);
    await page.keyboard.press('Enter');
    const followed = page.getByRole('button', { name: '팔로잉' });
    await followed.waitFor();
    assert.ok(
      await followed.evaluate((el) => el === document.activeElement),
      'the focus stays on the follow button',
    );

    await tabTo(page, page.getByRole('link', { name: '피드' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    const theirPost = page.getByRole('article').filter({ hasText: '탭으로 읽어 주세요' });
    await theirPost.waitFor();

    await tabTo(page, page.getByLabel('무슨 일이 있었나요?'));
    await page.keyboard.type('키보드로만 썼어요');
    await tabTo(page, page.getByRole('button', { name: '게시', exact: true }));
    await page.keyboard.press('Enter');
    await page.getByRole('article').filter({ hasText: '키보드로만 썼어요' }).waitFor();

    const like = theirPost.getByRole('button', { name: /^좋아요/ });
    await tabTo(page, like);
    await page.keyboard.press('Space');
    await theirPost.getByRole('button', { name: '좋아요 1', pressed: true }).waitFor();

    const following = await api.get(`/api/social/users/${me.userId}/following`, { token: me.token });
    assert.deepEqual(
      following.body.users.map((u: { id: number }) => u.id),
      [friend.userId],
      'the follow back reached the server',
    );
    const feed = await api.get('/api/social/feed', { token: friend.token });
    const texts = feed.body.posts.map((p: { text: string }) => p.text);
    assert.ok(texts.includes('키보드로만 썼어요'), "my post is in my friend's feed");
    const post = await api.get(`/api/social/posts/${theirs.body.id}`, { token: friend.token });
    assert.equal(post.body.reactions.counts.LIKE, 1, 'the reaction reached the server');
    await context.close();
  });
});
