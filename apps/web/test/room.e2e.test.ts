import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import sharp from 'sharp';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, rest, seedMessages, signedInPage, signUpPage, watchCsp } from './pages.ts';

const skip = skipUnlessChromium('chat room in Chromium');

describe('the chat room in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    // The history test seeds 300 messages faster than the default 10 sends a second.
    ({ web, browser } = await startWebAndBrowser({
      CHAT_SEND_RATE_PER_SEC: '1000',
      CHAT_SEND_BURST: '1000',
    }));
  });
  after(() => stopWebAndBrowser(web, browser));

  const openRoom = async (page: Page, roomId: number, title: string) => {
    await page.goto(`${web.url}/rooms/${roomId}`);
    await page.getByRole('region', { name: title }).waitFor();
  };
  const say = async (page: Page, text: string) => {
    await page.getByLabel('메시지 입력').fill(text);
    await page.getByLabel('메시지 입력').press('Enter');
  };
  const row = (page: Page, text: string) => page.locator('[role=log] .row', { hasText: text });
  const unreadOf = (page: Page, text: string) => row(page, text).getByTestId('message-unread');

  test('a group of three: per-message unread number 2 -> 1 -> 0, typing indicator, presence dots', async () => {
    const a = await signUpPage(browser, web.url, '앨리스');
    const b = await signUpPage(browser, web.url, '밥');
    const c = await signUpPage(browser, web.url, '캐롤');
    const room = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/group', {
      name: '셋이서',
      memberIds: [b.userId, c.userId],
    });
    await openRoom(a.page, room.id, '셋이서');

    // Bob and Carol are not in the room yet: neither has read it.
    await say(a.page, '다들 안녕');
    await unreadOf(a.page, '다들 안녕').filter({ hasText: /^2/ }).waitFor();
    await openRoom(b.page, room.id, '셋이서');
    await unreadOf(a.page, '다들 안녕').filter({ hasText: /^1/ }).waitFor();
    await openRoom(c.page, room.id, '셋이서');
    await unreadOf(a.page, '다들 안녕').waitFor({ state: 'detached' });
    assert.equal(await a.page.getByTestId('message-unread').count(), 0, 'read by everyone: no number');
    // Everyone sees the same derived number: none (Carol's read reaches Bob on its own way).
    await unreadOf(b.page, '다들 안녕').waitFor({ state: 'detached' });
    assert.equal(await b.page.getByTestId('message-unread').count(), 0);

    // Bob types: Alice and Carol see it, Bob does not see himself.
    await b.page.getByLabel('메시지 입력').pressSequentially('입력 중이에요');
    await a.page.getByTestId('typing').filter({ hasText: '밥님이 입력 중…' }).waitFor();
    await c.page.getByTestId('typing').filter({ hasText: '밥님이 입력 중…' }).waitFor();
    assert.equal(await b.page.getByTestId('typing').innerText(), '');
    // ... and it goes once his message arrives.
    await b.page.getByLabel('메시지 입력').press('Enter');
    await row(a.page, '입력 중이에요').waitFor();
    await a.page.getByTestId('typing').filter({ hasText: /^$/ }).waitFor();

    // Presence: Bob's and Carol's avatars carry a dot; Carol closes her page and goes offline.
    await say(c.page, '저도 왔어요');
    const dot = (sender: string, state: string) =>
      a.page.locator('.msg.start', { hasText: sender }).locator(`[data-presence="${state}"]`).first();
    await dot('캐롤', 'online').waitFor();
    await dot('밥', 'online').waitFor();
    await c.page.context().close();
    await dot('캐롤', 'offline').waitFor({ timeout: 10_000 });
    assert.equal(await dot('밥', 'online').count(), 1, 'Bob is still online');
    assert.deepEqual(await cspViolations(a.page), []);
    await a.page.context().close();
    await b.page.context().close();
  });

  test('history: 300 seeded messages, scrolled to the top, load once each, in order, with a bounded DOM', async () => {
    const a = await signUpPage(browser, web.url, '기록자');
    const b = await signUpPage(browser, web.url, '독자');
    const room = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/direct', {
      targetUserId: b.userId,
    });
    const lines = Array.from({ length: 300 }, (_, i) => ({
      token: i % 7 < 4 ? a.token : b.token,
      content: `기록 ${i + 1}`,
    }));
    await seedMessages(web.url, room.id, lines);

    const page = b.page;
    const loaded: number[] = [];
    const reading: Promise<void>[] = [];
    page.on('response', (res: Response) => {
      if (!new RegExp(`/api/rooms/${room.id}/messages\\?`).test(res.url())) return;
      reading.push(
        res.json().then((body: { messages: { seq: number }[] }) => {
          loaded.push(...body.messages.map((m) => m.seq));
        }),
      );
    });
    await openRoom(page, room.id, '기록자');
    const log = page.getByRole('log');
    await log.locator('.bubble-row[data-seq="300"]').waitFor();

    const seqs = async () =>
      await log
        .locator('.bubble-row[data-seq]')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    const domSize = () => log.evaluate((el) => el.querySelectorAll('*').length);
    let maxNodes = 0;
    await log.hover();

    // An older page arriving does not move what the reader is looking at: hold the first
    // older page, note the top visible message, let the page in, and it is where it was.
    const topVisible = () =>
      log.evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        for (const r of el.querySelectorAll('.bubble-row[data-seq]')) {
          const box = r.getBoundingClientRect();
          if (box.bottom > top) return { seq: r.getAttribute('data-seq'), y: box.top - top };
        }
        return null;
      });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/messages\?cursor=/, async (route) => {
      await held;
      await route.fallback();
    });
    // Scrolled at once (a wheel scroll animates on, which would move the rows by itself).
    await log.evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.locator('[role=log] .loading').waitFor();
    const before = await topVisible();
    release();
    await page.locator('[role=log] .loading').waitFor({ state: 'detached' });
    const after = await log
      .locator(`.bubble-row[data-seq="${before?.seq}"]`)
      .evaluate(
        (r, logEl) => r.getBoundingClientRect().top - logEl.getBoundingClientRect().top,
        await log.elementHandle(),
      );
    assert.ok(
      Math.abs(after - before!.y) <= 1,
      `message ${before?.seq} stayed at ${before?.y} px (now ${after})`,
    );
    await page.unroute(/\/messages\?cursor=/);

    for (let i = 0; i < 300 && (await seqs())[0] !== 1; i++) {
      await page.mouse.wheel(0, -1500);
      await page.locator('[role=log] .loading').waitFor({ state: 'detached' });
      maxNodes = Math.max(maxNodes, await domSize());
    }
    assert.equal((await seqs())[0], 1, 'the first message is reached');

    // Every message came from the server once, and reading back down shows them all, in order.
    await Promise.all(reading);
    assert.equal(loaded.length, 300, 'each message fetched exactly once');
    assert.deepEqual(
      [...loaded].sort((x, y) => x - y),
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
    const seen: number[] = [];
    for (let i = 0; i < 300 && seen.at(-1) !== 300; i++) {
      const now = await seqs();
      for (let k = 1; k < now.length; k++) assert.equal(now[k], now[k - 1]! + 1, 'contiguous and in order');
      for (const s of now) if (s > (seen.at(-1) ?? 0)) seen.push(s);
      maxNodes = Math.max(maxNodes, await domSize());
      await page.mouse.wheel(0, 700);
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
    assert.ok(maxNodes < 1500, `DOM stays bounded (at most ${maxNodes} nodes in the list)`);
    assert.ok((await seqs()).length <= 90, 'at most 90 message rows rendered');
    assert.deepEqual(await cspViolations(page), []);
    await a.page.context().close();
    await page.context().close();
  });

  test("a room opened by its address is on the room's background from the first paint, before the app has loaded", async () => {
    const a = await signUpPage(browser, web.url, '첫화면');
    const b = await signUpPage(browser, web.url, '배경색');
    const room = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/direct', {
      targetUserId: b.userId,
    });
    const session = await a.page.evaluate(() => localStorage.getItem('chat.session'));
    const index = await (await fetch(web.url)).text();
    const appScript = /<script type="module"[^>]* src="([^"]+)"/.exec(index)?.[1];
    assert.ok(appScript, "index.html loads the app's module");
    // The room's pane (right of the list on a wide screen) and, there, the list beside it; with
    // a light and a dark preference (the client has no dark styles: the same colours, as long as
    // the first paint follows the app).
    for (const { width, colorScheme } of [
      { width: 360, colorScheme: 'light' },
      { width: 1280, colorScheme: 'light' },
      { width: 360, colorScheme: 'dark' },
      { width: 1280, colorScheme: 'dark' },
    ] as const) {
      const page = await signedInPage(browser, session, 'ko', width);
      await watchCsp(page.context());
      await page.emulateMedia({ colorScheme });
      const { height } = page.viewportSize()!;
      const points = {
        pane: [width - 24, Math.round(height / 2)],
        ...(width > 767 ? { list: [24, height - 24] } : {}),
      };
      const colours = async () => {
        const shot = await page.screenshot();
        const { data, info } = await sharp(shot).raw().toBuffer({ resolveWithObject: true });
        return Object.fromEntries(
          Object.entries(points).map(([where, [x, y]]) => {
            const i = (y! * info.width + x!) * info.channels;
            return [where, `rgb(${data[i]}, ${data[i + 1]}, ${data[i + 2]})`];
          }),
        );
      };
      // A slow network: the app's script held back, so the page is drawn before it runs.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(`${web.url}${appScript}`, async (route) => {
        await held;
        await route.fallback();
      });
      await page.goto(`${web.url}/rooms/${room.id}`, { waitUntil: 'commit' });
      await page.evaluate(async () => {
        const css = document.querySelector<HTMLLinkElement>('link[rel=stylesheet]');
        if (css && !css.sheet) await new Promise((loaded) => css.addEventListener('load', loaded));
      });
      assert.equal(await page.locator('#app > *').count(), 0, 'the app has not rendered yet');
      const firstPaint = await colours();
      release();
      await page.getByRole('region', { name: '배경색' }).waitFor();
      assert.deepEqual(
        firstPaint,
        await colours(),
        `${width} px, ${colorScheme}: the same colours before and after`,
      );
      assert.deepEqual(await cspViolations(page), []);
      await page.context().close();
    }
    await a.page.context().close();
    await b.page.context().close();
  });
});
