// Page-level helpers for the room tests: users signed up through the UI in their own browser
// context under the CSP the server sends, their session read back for REST/STOMP setup.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client } from '@stomp/stompjs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { WebSocket } from 'ws';

/**
 * Records the page's CSP violations (read them with `cspViolations`). The pages run under the
 * policy the server sends with every response, as a user's browser does; init scripts run
 * through the DevTools protocol, outside that policy.
 */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(e.violatedDirective));
  });
}

export const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

export interface SignedInPage {
  page: Page;
  userId: number;
  token: string;
}

/** A new user signed up through the Korean UI, in a fresh context. */
export async function signUpPage(
  browser: Browser,
  url: string,
  nickname: string,
  viewport = { width: 1280, height: 800 },
): Promise<SignedInPage> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport });
  await watchCsp(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: '처음이신가요? 회원가입' }).click();
  await page.getByLabel('이메일').fill(`u-${randomBytes(5).toString('hex')}@example.com`);
  await page.getByLabel('비밀번호').fill('password-1234');
  await page.getByLabel('닉네임').fill(nickname);
  await page.getByRole('button', { name: '회원가입', exact: true }).click();
  await page.getByRole('heading', { name: '채팅' }).waitFor();
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('chat.session') ?? '{}'));
  return { page, userId: session.userId as number, token: session.token as string };
}

/** Opens the 1:1 chat with someone found through the people search. */
export async function openChatWith(page: Page, nickname: string): Promise<void> {
  await page.getByRole('link', { name: '친구 찾기' }).click();
  await page.getByLabel('닉네임 또는 이메일로 검색').fill(nickname);
  await page.getByRole('button', { name: `대화하기 ${nickname}` }).click();
  await page
    .getByRole('region', { name: nickname })
    .waitFor()
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await whatThePageShows(page)}`);
    });
}

/** For a failed wait: where the page is, which regions it titles, and what errors it shows. */
async function whatThePageShows(page: Page): Promise<string> {
  const regions = await page.locator('section[aria-label]').evaluateAll((s) => s.map((e) => e.ariaLabel));
  const alerts = await page.getByRole('alert').allInnerTexts();
  return `page at ${page.url()}; regions ${JSON.stringify(regions)}; alerts ${JSON.stringify(alerts)}`;
}

/** Types a message into the open room's composer and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  await page.getByLabel('메시지 입력').fill(text);
  await page.getByLabel('메시지 입력').press('Enter');
}

/** The texts of the open room's confirmed messages (not pending or failed), top to bottom. */
export const bubbles = (page: Page) =>
  page.getByRole('log').locator('.bubble-row:not(.pending):not(.failed) .bubble').allInnerTexts();

/** Waits until the room shows `expected.length` confirmed messages, then asserts they are `expected`. */
export async function waitForBubbles(page: Page, expected: readonly string[]): Promise<void> {
  // Locators, not waitForFunction: the CSP forbids the eval that waitForFunction needs.
  await page
    .locator('[role=log] .bubble-row[data-seq] .bubble')
    .nth(expected.length - 1)
    .waitFor({ timeout: 60_000 });
  assert.deepEqual(await bubbles(page), expected);
}

/** One REST call from the test (setup), failing loudly on an error status. */
export async function rest<T>(url: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Sends messages over STOMP as the given users, in order, and resolves once every one of them
 * came back live (so they are in history).
 */
export async function seedMessages(
  url: string,
  roomId: number,
  lines: readonly { token: string; content: string }[],
): Promise<void> {
  const clients = new Map<string, Client>();
  const connect = (token: string) =>
    new Promise<Client>((resolve, reject) => {
      const c = new Client({
        webSocketFactory: () => new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, ['v12.stomp']),
        connectHeaders: { Authorization: `Bearer ${token}` },
        reconnectDelay: 0,
        heartbeatIncoming: 0,
        heartbeatOutgoing: 0,
      });
      c.onConnect = () => resolve(c);
      c.onStompError = (f) => reject(new Error(f.headers.message));
      c.activate();
    });
  for (const { token } of lines) if (!clients.has(token)) clients.set(token, await connect(token));
  const listener = clients.values().next().value!;
  let seen = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  await new Promise<void>((subscribed) => {
    const receipt = `sub-${randomBytes(4).toString('hex')}`;
    listener.watchForReceipt(receipt, () => subscribed());
    listener.subscribe(
      `/topic/room.${roomId}`,
      () => {
        if (++seen === lines.length) done();
      },
      { receipt },
    );
  });
  for (const { token, content } of lines) {
    const c = clients.get(token)!;
    await new Promise<void>((resolve) => {
      const receipt = `seed-${randomBytes(4).toString('hex')}`;
      c.watchForReceipt(receipt, () => resolve());
      c.publish({
        destination: '/app/chat.send',
        body: JSON.stringify({ roomId, content }),
        headers: { receipt },
      });
    });
  }
  await all;
  for (const c of clients.values()) await c.deactivate();
}

// Keyboard-only use: Tab to a control, checking that every stop on the way shows its focus.

/** More Tab presses than any screen needs to reach its control: a lost focus fails, not hangs. */
const MAX_TABS = 40;

/** How the focused element shows its focus: the outline (or ring) it paints, if any. */
async function focusRing(page: Page): Promise<{ tag: string; label: string; ring: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return { tag: 'body', label: '', ring: null };
    // A visually hidden file input shows its focus on the label around it (:focus-within).
    const el = active.matches('input[type=file]') ? (active.closest('label') ?? active) : active;
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
 * Presses Tab (or Shift+Tab, backwards) until `target` has the focus, checking on the way that every element the focus
 * lands on shows it. Fails when the target is not reached within MAX_TABS presses.
 */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press(key);
    const focused = await focusRing(page);
    assert.ok(focused.ring, `focus on <${focused.tag}> "${focused.label}" is visible (going to ${target})`);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  assert.fail(`${MAX_TABS} Tab presses did not reach ${target}`);
}

/**
 * A page signed in with a copied session (`chat.session` from another page), in `lang`,
 * `width` px wide: for screenshots at phone and desktop width in Korean and English. Close
 * it with `page.context().close()`.
 */
export async function signedInPage(
  browser: Browser,
  session: string | null | undefined,
  lang: 'ko' | 'en',
  width: number,
): Promise<Page> {
  const context = await browser.newContext({
    locale: lang === 'ko' ? 'ko-KR' : 'en-US',
    viewport: { width, height: width === 360 ? 740 : 800 },
  });
  await context.addInitScript(
    ([stored, l]) => {
      localStorage.setItem('chat.session', stored ?? '');
      localStorage.setItem('chat.lang', l ?? 'ko');
    },
    [session ?? null, lang],
  );
  return context.newPage();
}
