import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, openChatWith, signUpPage, waitForBubbles } from './pages.ts';

const skip = skipUnlessChromium('web client in Chromium');

describe('web client in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  /** A new user signed up through the UI in their own context, on the chat list. */
  const signUp = async (nickname: string) => (await signUpPage(browser, web.url, nickname)).page;

  test('two people find each other, chat live in Korean, emoji and several lines, and read (in every tab)', async () => {
    const alice = await signUp('앨리스');
    const bob = await signUp('밥');

    await openChatWith(alice, '밥');
    await openChatWith(bob, '앨리스');
    await bob.getByRole('link', { name: '채팅', exact: true }).click();
    // Bob is back on his list before Alice writes (with the room still open, he would read them).
    await bob.getByRole('region', { name: '앨리스' }).waitFor({ state: 'detached' });

    const composer = alice.getByLabel('메시지 입력');
    await composer.fill('안녕하세요 반가워요');
    await composer.press('Enter');
    await composer.fill('이모지도 돼요 😀👍🏽');
    await composer.press('Enter');
    await composer.pressSequentially('첫 줄');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('둘째 줄');
    await composer.press('Enter');
    const sent = ['안녕하세요 반가워요', '이모지도 돼요 😀👍🏽', '첫 줄\n둘째 줄'];
    await waitForBubbles(alice, sent);
    // KakaoTalk's number by each message: Bob has not read them yet.
    const unreadNumbers = alice.getByRole('log').getByTestId('message-unread');
    await unreadNumbers.nth(2).waitFor();
    assert.deepEqual(
      (await unreadNumbers.allInnerTexts()).map((x) => x.charAt(0)),
      ['1', '1', '1'],
    );

    // Bob is on his chat list: the room moved up with the preview and three unread.
    const badge = bob.getByTestId('unread-badge');
    await badge.filter({ hasText: /3$/ }).waitFor();
    assert.match(await bob.locator('.room-preview').first().innerText(), /첫 줄/);

    // Bob has his list open in a second tab too: three unread there as well.
    const bobTab2 = await bob.context().newPage();
    await bobTab2.goto(web.url);
    const badge2 = bobTab2.getByTestId('unread-badge');
    await badge2.filter({ hasText: /3$/ }).waitFor();

    // Bob opens it: the messages are there, and his unread badge goes to zero (server-side too),
    // in his other tab as well, without a reload.
    await bob.getByRole('link', { name: /앨리스/ }).click();
    await waitForBubbles(bob, sent);
    await badge.waitFor({ state: 'detached' });
    await badge2.waitFor({ state: 'detached' });
    await bobTab2.close();
    // ... and on Alice's side the numbers go from 1 to none, live.
    await unreadNumbers.first().waitFor({ state: 'detached' });
    await bob.reload();
    await waitForBubbles(bob, sent);
    assert.equal(await bob.getByTestId('unread-badge').count(), 0, 'read mark kept across a reload');

    // And the reply arrives live on Alice's side.
    await bob.getByLabel('메시지 입력').fill('저도요! 🎉');
    await bob.getByLabel('메시지 입력').press('Enter');
    await waitForBubbles(alice, [...sent, '저도요! 🎉']);
    assert.deepEqual(await cspViolations(alice), [], 'the client works under the CSP');
    assert.deepEqual(await cspViolations(bob), []);
  });

  test("the server's errors show next to the fields: a taken email, wrong credentials", async () => {
    const first = await signUp('보라');
    const email = await first.evaluate(() => JSON.parse(localStorage.getItem('chat.session') ?? '{}').email);
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    await page.goto(web.url);
    await page.getByRole('button', { name: '처음이신가요? 회원가입' }).click();
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill('password-1234');
    await page.getByLabel('닉네임').fill('보라2');
    await page.getByRole('button', { name: '회원가입', exact: true }).click();
    const emailField = page.getByLabel('이메일');
    await page.locator('#auth-email-error').waitFor();
    assert.equal(await emailField.getAttribute('aria-invalid'), 'true');
    assert.equal(await emailField.getAttribute('aria-describedby'), 'auth-email-error');

    await page.getByRole('button', { name: '이미 계정이 있어요' }).click();
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill('wrong-password-1');
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('heading', { name: '채팅' }).count(), 0, 'still on the log-in screen');
  });

  test('Enter while the Korean IME composes does not send; Enter after it commits does', async () => {
    const alice = await signUp('민지');
    await signUp('하니');
    await openChatWith(alice, '하니');
    const composer = alice.getByLabel('메시지 입력');
    await composer.focus();
    const cdp = await alice.context().newCDPSession(alice);
    await cdp.send('Input.imeSetComposition', { text: 'ㅎ', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '하', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '한', selectionStart: 1, selectionEnd: 1 });
    await alice.keyboard.press('Enter');
    await cdp.send('Input.insertText', { text: '한' });
    assert.equal(await alice.locator('[role=log] .bubble-row').count(), 0, 'nothing sent while composing');
    assert.match(await composer.inputValue(), /한/);
    await alice.keyboard.press('Enter');
    await waitForBubbles(alice, ['한']);
    assert.equal(await composer.inputValue(), '');
  });

  test('the server restarts while a user keeps typing: offline banner, reconnect, every message once', async () => {
    const alice = await signUp('지민');
    const bob = await signUp('서준');
    await openChatWith(alice, '서준');
    await openChatWith(bob, '지민');
    const say = async (page: Page, text: string) => {
      await page.getByLabel('메시지 입력').fill(text);
      await page.getByLabel('메시지 입력').press('Enter');
    };
    await say(alice, '재시작 전');
    await waitForBubbles(bob, ['재시작 전']);

    await web.stop();
    await alice.getByRole('status').filter({ hasText: '연결이 끊겼어요' }).waitFor();
    await say(alice, '오프라인에서 보낸 메시지 ✉️');
    await alice.locator('.bubble-row.pending').waitFor();

    await web.start();
    await alice.getByRole('status').waitFor({ state: 'detached', timeout: 60_000 });
    const both = ['재시작 전', '오프라인에서 보낸 메시지 ✉️'];
    await waitForBubbles(alice, both);
    await waitForBubbles(bob, both);
    await say(bob, '다시 연결됐어요');
    await waitForBubbles(alice, [...both, '다시 연결됐어요']);
    assert.equal(await alice.locator('.bubble-row.pending, .bubble-row.failed').count(), 0);
  });
});
