import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, rest, seedMessages, signUpPage } from './pages.ts';

const skip = skipUnlessChromium('message search in Chromium');

describe('message search in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  /** Someone else, signed up through the API (not in a browser). */
  async function signupApi(nickname: string): Promise<{ userId: number; token: string }> {
    const res = await fetch(`${web.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `s-${randomBytes(5).toString('hex')}@example.com`,
        password: 'password-1234',
        nickname,
      }),
    });
    assert.equal(res.status, 201);
    return (await res.json()) as { userId: number; token: string };
  }

  /** B with a 1:1 and a group with A; A also has a room with C that B is not in. */
  async function rooms(viewport?: { width: number; height: number }) {
    const b = await signUpPage(browser, web.url, '밥', viewport);
    const a = await signupApi('앨리스');
    const c = await signupApi('찰리');
    const direct = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/direct', {
      targetUserId: b.userId,
    });
    const group = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/group', {
      name: '주말 모임',
      memberIds: [b.userId],
    });
    const theirs = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/group', {
      name: '둘만의 방',
      memberIds: [c.userId],
    });
    await seedMessages(web.url, group.id, [
      { token: a.token, content: '토요일 회의는 3시에 해요' },
      { token: a.token, content: '<b>회의</b> 자료는 내일' },
      { token: b.token, content: '좋아요' },
    ]);
    await seedMessages(web.url, theirs.id, [{ token: a.token, content: '밥은 모르는 회의' }]);
    await seedMessages(web.url, direct.id, [{ token: a.token, content: '점심 뭐 먹어?' }]);
    return { b, a, direct: direct.id, group: group.id };
  }

  test('the chat list search finds a two-syllable Korean word in another room and opens it', async () => {
    const { b, direct, group } = await rooms();
    const { page } = b;
    await page.goto(`${web.url}/rooms/${direct}`);
    await page.getByRole('region', { name: '앨리스' }).waitFor();

    await page.getByLabel('메시지 검색').fill('회의');
    const results = page.getByRole('region', { name: '검색 결과' });
    await results.getByRole('status').filter({ hasText: '2개 찾음' }).waitFor();
    const hits = results.getByRole('link');
    assert.deepEqual(await hits.locator('.room-title').allInnerTexts(), ['주말 모임', '주말 모임']);
    assert.deepEqual(await hits.locator('.hit-text').allInnerTexts(), [
      '앨리스: <b>회의</b> 자료는 내일',
      '앨리스: 토요일 회의는 3시에 해요',
    ]);
    assert.deepEqual(await hits.locator('mark').allInnerTexts(), ['회의', '회의']);
    assert.equal(await results.locator('b').count(), 0, 'message text is text, never markup');
    assert.equal(await page.getByRole('list', { name: '채팅' }).count(), 0, 'results replace the chat list');

    await hits.nth(1).click();
    const room = page.getByRole('region', { name: '주말 모임' });
    await room.getByText('토요일 회의는 3시에 해요').waitFor();
    assert.equal(new URL(page.url()).pathname, `/rooms/${group}`);

    // In the room: the header's search finds it there too.
    await room.getByRole('button', { name: '검색', exact: true }).click();
    const panel = page.getByRole('complementary', { name: '이 대화에서 검색' });
    await panel.getByLabel('이 대화에서 검색').fill('3시');
    await panel.getByRole('status').filter({ hasText: '1개 찾음' }).waitFor();
    assert.deepEqual(await panel.locator('mark').allInnerTexts(), ['3시']);
    assert.deepEqual(await panel.locator('.room-title').allInnerTexts(), ['앨리스']);

    // Clearing the box brings the chat list back; a word nobody wrote finds nothing.
    await page.getByLabel('메시지 검색').fill('');
    await page.getByRole('list', { name: '채팅' }).waitFor();
    await page.getByLabel('메시지 검색').fill('없는말');
    await page.getByText('찾은 메시지가 없어요.').waitFor();
    assert.deepEqual(await cspViolations(page), []);
    await page.context().close();
  });

  test('at 360 px, in English: a result opens its room full screen, back returns to the results', async () => {
    const { b } = await rooms({ width: 360, height: 740 });
    const { page } = b;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Search messages').fill('회의');
    const results = page.getByRole('region', { name: 'Search results' });
    await results.getByRole('status').filter({ hasText: '2 found' }).waitFor();
    await results.getByRole('link').first().click();
    await page.getByRole('region', { name: '주말 모임' }).getByText('<b>회의</b> 자료는 내일').waitFor();
    assert.equal(await results.isVisible(), false, 'the room takes the screen');
    await page.getByRole('button', { name: 'Back' }).click();
    await results.getByRole('link').first().waitFor();
    assert.equal(await page.getByLabel('Search messages').inputValue(), '회의', 'the search is kept');
    assert.deepEqual(await cspViolations(page), []);
    await page.context().close();
  });
});
