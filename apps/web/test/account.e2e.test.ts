// Account settings in Chromium (issue 13): a password change signs my other browser out, a
// device revoked from the list is signed out, a deleted account ends on the login screen and
// its email signs up again; the people I talked to see "알 수 없는 사용자".
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, openChatWith, say, signUpPage, waitForBubbles, watchCsp } from './pages.ts';

const skip = skipUnlessChromium('account settings in Chromium');
/** Set to a folder to keep screenshots of the account screen (360 px and 1280 px, ko and en). */
const SHOTS = process.env.ACCOUNT_SCREENSHOTS;

const newEmail = () => `acct-${randomBytes(5).toString('hex')}@example.com`;

async function newPage(browser: Browser, width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width, height: 800 } });
  await watchCsp(context);
  return context.newPage();
}

async function signUp(page: Page, url: string, email: string, password: string, nickname: string) {
  await page.goto(url);
  await page.getByRole('button', { name: '처음이신가요? 회원가입' }).click();
  await fillAuth(page, email, password);
  await page.getByLabel('닉네임').fill(nickname);
  await page.getByRole('button', { name: '회원가입', exact: true }).click();
  await page.getByRole('heading', { name: '채팅' }).waitFor();
}

async function logIn(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await fillAuth(page, email, password);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await page.getByRole('heading', { name: '채팅' }).waitFor();
}

async function fillAuth(page: Page, email: string, password: string) {
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(password);
}

/** My profile (the nickname in the top bar) -> account settings. */
async function openAccount(page: Page, nickname: string) {
  await page.getByRole('button', { name: `내 프로필: ${nickname}` }).click();
  await page.getByRole('button', { name: '계정 설정' }).click();
  await page.getByRole('heading', { name: '계정 설정' }).waitFor();
}

const signedOut = (page: Page, timeout = 15_000) =>
  page.getByRole('heading', { name: '로그인', exact: true }).waitFor({ timeout });

describe('account settings in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  test('changing the password signs my other browser out; this one stays; field errors on the way', async () => {
    const email = newEmail();
    const [a, b] = [await newPage(browser), await newPage(browser)];
    await signUp(a, web.url, email, 'password-1234', '비번바꾸기');
    await logIn(b, web.url, email, 'password-1234');
    await openAccount(a, '비번바꾸기');

    const current = a.getByLabel('현재 비밀번호');
    const next = a.getByLabel('새 비밀번호', { exact: true });
    const confirm = a.getByLabel('새 비밀번호 확인');
    const submit = a.getByRole('button', { name: '비밀번호 변경' });
    await current.fill('not-my-password');
    await next.fill('new-password-5678');
    await confirm.fill('new-password-5678');
    await submit.click();
    await a.getByText('비밀번호가 맞지 않아요.').waitFor();
    assert.equal(await current.getAttribute('aria-invalid'), 'true');
    await current.fill('password-1234');
    await next.fill('short');
    await submit.click();
    await a.getByText('8자 이상 입력해 주세요.').waitFor();
    await next.fill('new-password-5678');
    await confirm.fill('new-password-9999');
    await submit.click();
    await a.getByText('새 비밀번호가 서로 달라요.').waitFor();
    await confirm.fill('new-password-5678');
    await submit.click();
    await a.getByText('비밀번호를 바꿨어요. 다른 기기에서는 모두 로그아웃됐어요.').waitFor();

    await signedOut(b);
    await a.reload();
    await a.getByRole('heading', { name: '계정 설정' }).waitFor();
    // The heading renders at once; a revoked session would show only after an answer: wait
    // for the sessions list, which needs an authenticated one.
    await a.getByRole('list', { name: '로그인된 기기' }).getByRole('listitem').first().waitFor();
    assert.equal(
      await a.getByRole('heading', { name: '로그인', exact: true }).count(),
      0,
      'this browser stays signed in',
    );
    await logIn(b, web.url, email, 'new-password-5678');
    assert.deepEqual([...(await cspViolations(a)), ...(await cspViolations(b))], []);
  });

  test('a device revoked from the list is signed out at once; this device is marked and stays', async () => {
    const email = newEmail();
    const [a, b] = [await newPage(browser), await newPage(browser)];
    await signUp(a, web.url, email, 'password-1234', '기기관리');
    await logIn(b, web.url, email, 'password-1234');
    await openAccount(a, '기기관리');
    const list = a.getByRole('list', { name: '로그인된 기기' });
    await list.getByRole('listitem').nth(1).waitFor();
    assert.equal(await list.getByRole('listitem').count(), 2);
    const mine = list.getByRole('listitem').filter({ hasText: '이 기기' });
    assert.equal(await mine.count(), 1);
    assert.match((await mine.textContent()) ?? '', /Chrome on Linux/);
    assert.equal(await mine.getByRole('button').count(), 0, 'no sign-out button for this device');

    if (SHOTS) await screenshots(a, SHOTS);

    await list.getByRole('button', { name: 'Chrome on Linux 로그아웃시키기' }).click();
    await signedOut(b);
    await a.waitForFunction(() => document.querySelectorAll('.session-list li').length === 1);
    await a.reload();
    // The heading renders before the sessions list has loaded: wait for the list's first row.
    const reloaded = a.getByRole('list', { name: '로그인된 기기' }).getByRole('listitem');
    await reloaded.first().waitFor();
    assert.equal(await reloaded.count(), 1);
  });

  test('deleting my account: password asked, then the login screen; others see 알 수 없는 사용자; the email signs up again', async () => {
    const email = newEmail();
    const a = await newPage(browser);
    const friend = await signUpPage(browser, web.url, '남는친구');
    await signUp(a, web.url, email, 'password-1234', '떠나는이');
    await openChatWith(a, '남는친구');
    await say(a, '잘 있어');
    await waitForBubbles(a, ['잘 있어']);

    await openAccount(a, '떠나는이');
    // The export: one file joining the users service's part and the chat service's part.
    const [download] = await Promise.all([
      a.waitForEvent('download'),
      a.getByRole('button', { name: '파일 받기' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^chat-export-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    assert.equal(file.account.profile.email, email);
    assert.equal(file.account.profile.nickname, '떠나는이');
    assert.deepEqual(
      file.chat.messages.map((m: { content: string }) => m.content),
      ['잘 있어'],
    );
    assert.equal(file.chat.rooms.length, 1);
    await a.getByText('파일을 받았어요.').waitFor();

    await a.getByRole('button', { name: '계정 삭제' }).click();
    const dialog = a.getByRole('dialog', { name: '계정 삭제' });
    await dialog.getByLabel('비밀번호').fill('wrong-password');
    await dialog.getByRole('button', { name: '삭제하기' }).click();
    await dialog.getByText('비밀번호가 맞지 않아요.').waitFor();
    if (SHOTS) await a.screenshot({ path: join(SHOTS, 'delete-dialog-ko-1280.png') });
    await dialog.getByRole('button', { name: '취소' }).click();
    assert.equal(await dialog.count(), 0, 'cancel closes the dialog');
    await a.getByRole('button', { name: '계정 삭제' }).click();
    await dialog.getByLabel('비밀번호').fill('password-1234');
    await dialog.getByRole('button', { name: '삭제하기' }).click();
    await signedOut(a);

    // The friend's 1:1 with the deleted account stays, named as a deleted user.
    await friend.page.reload();
    const item = friend.page.getByRole('link', { name: /알 수 없는 사용자/ });
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await waitForBubbles(friend.page, ['잘 있어']);
    await friend.page.locator('.sender', { hasText: '알 수 없는 사용자' }).first().waitFor();
    if (SHOTS) await friend.page.screenshot({ path: join(SHOTS, 'deleted-user-ko-1280.png') });

    await a.getByRole('button', { name: '처음이신가요? 회원가입' }).click();
    await fillAuth(a, email, 'another-password-1');
    await a.getByLabel('닉네임').fill('돌아온이');
    await a.getByRole('button', { name: '회원가입', exact: true }).click();
    await a.getByRole('heading', { name: '채팅' }).waitFor();
    await a.getByRole('button', { name: '내 프로필: 돌아온이' }).waitFor();
    assert.deepEqual(await cspViolations(a), []);
  });
});

/** The account screen at phone and desktop width, in Korean and English. */
async function screenshots(page: Page, dir: string) {
  mkdirSync(dir, { recursive: true });
  for (const lang of ['ko', 'en'] as const) {
    if (lang === 'en') {
      await page.evaluate(() => localStorage.setItem('chat.lang', 'en'));
      await page.reload();
      await page.getByRole('heading', { name: 'Account settings' }).waitFor();
      await page.getByText('This device').waitFor();
    }
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 1400 : 900 });
      await page.screenshot({ path: join(dir, `account-${lang}-${width}.png`), fullPage: true });
    }
  }
  await page.evaluate(() => localStorage.setItem('chat.lang', 'ko'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
  await page.getByRole('heading', { name: '계정 설정' }).waitFor();
}
