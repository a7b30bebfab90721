import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, rest, signUpPage } from './pages.ts';

const skip = skipUnlessChromium('live chat list in Chromium');

/** Resolves once the page's STOMP client has asked for its room-list events. */
function roomEventsSubscribed(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        if (
          String(frame.payload).startsWith('SUBSCRIBE\n') &&
          String(frame.payload).includes('/user/queue/rooms')
        )
          resolve();
      }),
    );
  });
}

describe('the live chat list in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  test('rooms others open with me appear in my chat list without reloading: a 1:1, then a group', async () => {
    const b = await signUpPage(browser, web.url, '밥');
    const subscribed = roomEventsSubscribed(b.page);
    await b.page.reload();
    await subscribed;
    await b.page.getByText('아직 대화가 없어요').waitFor();
    // Marks this document: a reload or navigation would lose it.
    await b.page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const a = await signUpPage(browser, web.url, '앨리스');

    // A opens a 1:1 with B through the people search.
    await a.page.getByRole('link', { name: '친구 찾기' }).click();
    await a.page.getByLabel('닉네임 또는 이메일로 검색').fill('밥');
    await a.page.getByRole('button', { name: '대화하기 밥' }).click();
    await a.page.getByRole('region', { name: '밥' }).waitFor();
    const chats = b.page.getByRole('list', { name: '채팅' });
    await chats.getByRole('link', { name: /앨리스/ }).waitFor();

    // A creates a group with B (REST: the group UI is another feature); it arrives on top.
    await rest(web.url, a.token, 'POST', '/api/rooms/group', { name: '주말 등산', memberIds: [b.userId] });
    await chats.getByRole('link', { name: /주말 등산/ }).waitFor();
    assert.deepEqual(await chats.locator('.room-title').allInnerTexts(), ['주말 등산 2', '앨리스']);

    // The new room is a working room: A's message there reaches B's list live.
    const group = (await rest<{ id: number; name: string }[]>(web.url, b.token, 'GET', '/api/rooms')).find(
      (r) => r.name === '주말 등산',
    );
    assert.ok(group);
    await a.page.goto(`${web.url}/rooms/${group.id}`);
    await a.page.getByLabel('메시지 입력').fill('토요일 7시 어때요?');
    await a.page.getByLabel('메시지 입력').press('Enter');
    await chats.getByRole('link', { name: /토요일 7시 어때요\?/ }).waitFor();

    assert.equal(
      await b.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
      true,
      'no reload',
    );
    assert.deepEqual(await cspViolations(b.page), []);
    await a.page.context().close();
    await b.page.context().close();
  });
});
