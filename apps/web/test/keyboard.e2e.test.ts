import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApi, signup } from '@chat/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';

const skip = skipUnlessChromium('keyboard-only use in Chromium');
/** More Tab presses than any screen needs to reach its control: a lost focus fails, not hangs. */
const MAX_TABS = 25;

/** How the focused element shows its focus: the outline (or ring) it paints, if any. */
async function focusRing(page: Page): Promise<{ tag: string; label: string; ring: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', label: '', ring: null };
    const style = getComputedStyle(el);
    const width = Number.parseFloat(style.outlineWidth);
    const outline =
      style.outlineStyle !== 'none' && width >= 2 ? `${style.outlineStyle} ${style.outlineWidth}` : null;
    const shadow = style.boxShadow !== 'none' ? style.boxShadow : null;
    return {
      tag: el.tagName.toLowerCase(),
      label: el.getAttribute('aria-label') ?? el.id ?? el.textContent?.slice(0, 30) ?? '',
      ring: outline ?? shadow,
    };
  });
}

/**
 * Presses Tab until `target` has the focus, checking on the way that every element the focus
 * lands on shows it. Fails when the target is not reached within MAX_TABS presses.
 */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusRing(page);
    assert.ok(focused.ring, `focus on <${focused.tag}> "${focused.label}" is visible`);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  assert.fail(`${MAX_TABS} Tab presses did not reach ${target}`);
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

    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(web.url);

    await tabTo(page, page.getByLabel('이메일'));
    await page.keyboard.type(me.email);
    await tabTo(page, page.getByLabel('비밀번호'));
    await page.keyboard.type(me.password);
    await page.keyboard.press('Enter');

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
});
