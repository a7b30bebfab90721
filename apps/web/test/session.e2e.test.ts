import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, rest, signUpPage } from './pages.ts';

const skip = skipUnlessChromium('sessions in Chromium');
/** The shortest access-token lifetime the server accepts: every few seconds a refresh. */
const TOKEN_TTL_SEC = 2;

const storedRefreshToken = (page: Page) =>
  page.evaluate(
    () =>
      (JSON.parse(localStorage.getItem('chat.session') ?? '{}') as { refreshToken?: string }).refreshToken,
  );

/** Resolves once the stored refresh token is no longer `previous` (a tab refreshed). */
async function rotatedFrom(page: Page, previous: string | undefined): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const now = await storedRefreshToken(page);
    if (now && now !== previous) return now;
    if (Date.now() > deadline) throw new Error('the session was not refreshed within 20 s');
    await page.waitForTimeout(100);
  }
}

/**
 * Forces the race the cross-tab lock exists for: a refresh request is held until both tabs are
 * stuck on the expired token (each had a 401 since the last refresh was answered), or for 3 s
 * (the usual case: a tab with no request in flight sees no 401). The hold widens the window in
 * which the other tab, on the same expired token, asks for a refresh too; without the lock it
 * presents the same refresh token, the server revokes the session, and this test fails (it
 * did, with `createApi` built without `lock`/`stored`).
 */
async function refreshesCollide(context: BrowserContext, tabs: readonly Page[]): Promise<{ held: number }> {
  const last401 = new Map<Page, number>();
  let answeredAt = 0;
  let recheck = () => {};
  const stats = { held: 0 };
  for (const tab of tabs) {
    tab.on('response', (r) => {
      if (r.status() !== 401 || r.url().includes('/api/auth/')) return;
      last401.set(tab, performance.now());
      recheck();
    });
  }
  const bothStuck = () => tabs.every((t) => (last401.get(t) ?? -1) > answeredAt);
  await context.route('**/api/auth/refresh', async (route) => {
    stats.held++;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      recheck = () => {
        if (!bothStuck()) return;
        clearTimeout(timer);
        resolve();
      };
      recheck();
    });
    await route.fallback();
    answeredAt = performance.now();
  });
  return stats;
}

/** A fresh access token for a user the test signed up (the lifetime is short). */
async function signInRest(url: string, refreshToken: string) {
  const res = await fetch(`${url}/api/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  assert.equal(res.status, 200);
  return (await res.json()) as { token: string; refreshToken: string };
}

async function signUpRest(url: string, nickname: string) {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `u-${randomBytes(5).toString('hex')}@example.com`,
      password: 'password-1234',
      nickname,
    }),
  });
  assert.equal(res.status, 201);
  return (await res.json()) as { token: string; refreshToken: string; userId: number };
}

describe('sessions in Chromium (embedded server, short-lived access tokens)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser({ ACCESS_TOKEN_TTL_SEC: String(TOKEN_TTL_SEC) }));
  });
  after(() => stopWebAndBrowser(web, browser));

  test('one user in two tabs keeps chatting across several token expiries, never signed out', async () => {
    const a = await signUpPage(browser, web.url, '앨리스');
    const b = await signUpRest(web.url, '밥');
    const room = await rest<{ id: number }>(web.url, b.token, 'POST', '/api/rooms/direct', {
      targetUserId: a.userId,
    });
    const tab1 = a.page;
    const tab2 = await tab1.context().newPage();
    const collisions = await refreshesCollide(tab1.context(), [tab1, tab2]);
    for (const tab of [tab1, tab2]) {
      await tab.goto(`${web.url}/rooms/${room.id}`);
      await tab.getByRole('region', { name: '밥' }).waitFor();
    }

    const sent: string[] = [];
    const rotations = new Set<string>();
    let refreshToken = await storedRefreshToken(tab1);
    for (let round = 0; round < 4; round++) {
      // Wait for an expiry and the refresh it causes (both tabs lose their STOMP session at once).
      refreshToken = await rotatedFrom(tab1, refreshToken);
      rotations.add(refreshToken);
      const [from, other] = round % 2 === 0 ? [tab1, tab2] : [tab2, tab1];
      const text = `${round % 2 === 0 ? '첫째' : '둘째'} 탭 ${round}`;
      sent.push(text);
      await from.getByLabel('메시지 입력').fill(text);
      await from.getByLabel('메시지 입력').press('Enter');
      for (const tab of [from, other]) {
        await tab.locator('[role=log] .bubble-row[data-seq] .bubble', { hasText: text }).waitFor();
      }
    }
    assert.ok(rotations.size >= 4, `refreshed ${rotations.size} times`);
    assert.ok(collisions.held >= 4);

    for (const tab of [tab1, tab2]) {
      assert.equal(
        await tab.getByRole('button', { name: '처음이신가요? 회원가입' }).count(),
        0,
        'no login screen',
      );
      assert.deepEqual(
        await tab.locator('[role=log] .bubble-row[data-seq] .bubble').allInnerTexts(),
        sent,
        'every message once, in order, in both tabs',
      );
      assert.deepEqual(await cspViolations(tab), []);
    }
    // Delivered: B (a fresh token of their own) reads them all from history.
    const { token } = await signInRest(web.url, b.refreshToken);
    const history = await rest<{ messages: { content: string }[] }>(
      web.url,
      token,
      'GET',
      `/api/rooms/${room.id}/messages?size=50`,
    );
    assert.deepEqual(history.messages.map((m) => m.content).reverse(), sent);
    await tab1.context().close();
  });

  test('a session that ends (revoked elsewhere) goes to the login screen; the typed text is back after logging in', async () => {
    const a = await signUpPage(browser, web.url, '앨리스');
    const b = await signUpRest(web.url, '밥');
    const room = await rest<{ id: number }>(web.url, b.token, 'POST', '/api/rooms/direct', {
      targetUserId: a.userId,
    });
    await a.page.goto(`${web.url}/rooms/${room.id}`);
    await a.page.getByRole('region', { name: '밥' }).waitFor();
    const typed = '보내기 전에 세션이 끝났어요\n두 번째 줄';
    await a.page.getByLabel('메시지 입력').fill(typed);

    // The session ends elsewhere: the same person logs in on another device and revokes every
    // other session from the list. (Not by using the page's refresh token: with tokens this
    // short-lived the page may rotate it first.) The page shows the login screen.
    const stored = await a.page.evaluate(
      () => JSON.parse(localStorage.getItem('chat.session') ?? '{}') as { email: string },
    );
    const login = await fetch(`${web.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: stored.email, password: 'password-1234' }),
    });
    assert.equal(login.status, 200);
    const { token } = (await login.json()) as { token: string };
    const others = (
      await rest<{ id: string; current: boolean }[]>(web.url, token, 'GET', '/api/auth/sessions')
    ).filter((s) => !s.current);
    assert.equal(others.length, 1, "the page's session");
    for (const other of others) await rest(web.url, token, 'DELETE', `/api/auth/sessions/${other.id}`);
    await a.page.getByRole('button', { name: '처음이신가요? 회원가입' }).waitFor();

    await a.page.getByLabel('이메일').fill(stored.email);
    await a.page.getByLabel('비밀번호').fill('password-1234');
    await a.page.getByRole('button', { name: '로그인', exact: true }).click();
    await a.page.getByRole('region', { name: '밥' }).waitFor();
    assert.equal(await a.page.getByLabel('메시지 입력').inputValue(), typed);

    // Sent, it reaches the other side, and the draft is gone.
    await a.page.getByRole('button', { name: '전송' }).click();
    await a.page.locator('[role=log] .bubble-row[data-seq] .bubble', { hasText: '두 번째 줄' }).waitFor();
    await a.page.reload();
    await a.page.getByRole('region', { name: '밥' }).waitFor();
    assert.equal(await a.page.getByLabel('메시지 입력').inputValue(), '');
    const history = await rest<{ messages: { content: string }[] }>(
      web.url,
      (await signInRest(web.url, b.refreshToken)).token,
      'GET',
      `/api/rooms/${room.id}/messages`,
    );
    assert.deepEqual(
      history.messages.map((m) => m.content),
      [typed],
    );
    await a.page.context().close();
  });
});
