import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApi, signup } from '@chat/testing';
import type { Browser } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { openChatWith, rest, say, signUpPage, waitForBubbles } from './pages.ts';

const skip = skipUnlessChromium('sends refused for now, in Chromium');

// A send the server refuses for now (RATE_LIMITED, SERVER_BUSY: nothing taken, retryAfterMs
// says when) goes again by itself after that time instead of showing failed; the messages
// behind it wait their turn, so they arrive in the order they were written.
describe('messages refused for now go again by themselves (Chromium)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    // Two sends at once, then one a second.
    ({ web, browser } = await startWebAndBrowser({ CHAT_SEND_RATE_PER_SEC: '1', CHAT_SEND_BURST: '2' }));
  });
  after(() => stopWebAndBrowser(web, browser));

  test('four messages typed at once under a limit of two: all arrive, in order, none failed', async () => {
    const friend = await signup(createApi(web.url), { nickname: '느긋한친구' });
    const me = await signUpPage(browser, web.url, '급한사람');
    const refusals: string[] = [];
    me.page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const text = String(payload);
        if (text.includes('RATE_LIMITED')) refusals.push(text);
      }),
    );
    // The page connected while signing up: a reload makes its socket one the listener sees.
    await me.page.reload();
    await me.page.getByRole('heading', { name: '채팅' }).waitFor();
    await openChatWith(me.page, '느긋한친구');
    const texts = ['하나', '둘', '셋', '넷'];
    for (const text of texts) await say(me.page, text);

    await waitForBubbles(me.page, texts);
    assert.ok(refusals.length >= 2, `the server refused some sends (${refusals.length} refusals)`);
    assert.equal(await me.page.locator('[role=log] .bubble-row.failed').count(), 0, 'none shown failed');
    const [room] = await rest<{ id: number }[]>(web.url, friend.token, 'GET', '/api/rooms');
    const history = await rest<{ messages: { content: string }[] }>(
      web.url,
      friend.token,
      'GET',
      `/api/rooms/${room!.id}/messages`,
    );
    assert.deepEqual(
      history.messages.map((m) => m.content).reverse(),
      texts,
      'the friend has them once each, in the order written',
    );
    await me.page.context().close();
  });
});
