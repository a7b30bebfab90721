import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, openChatWith, rest, signUpPage, waitForBubbles } from './pages.ts';

const skip = skipUnlessChromium('message changes in Chromium');

const bubble = (page: Page, text: string) =>
  page.locator('[role=log] .bubble-row[data-seq]').filter({ hasText: text });

/** Opens my message's menu and picks an item. */
async function fromMenu(page: Page, text: string, item: string) {
  await bubble(page, text).first().getByLabel('메시지 메뉴').click();
  await page.getByRole('button', { name: item }).click();
}

describe('replies, edit, unsend, reactions and mentions in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  test('an edit and an unsend show on both sides live and stay after a reload; delete for me hides one side only', async () => {
    const alice = (await signUpPage(browser, web.url, '앨리스')).page;
    const bob = (await signUpPage(browser, web.url, '밥')).page;
    await openChatWith(alice, '밥');
    await openChatWith(bob, '앨리스');
    const composer = alice.getByLabel('메시지 입력');
    for (const text of ['오타가 잇어요', '잘못 보낸 메시지', '세 번째']) {
      await composer.fill(text);
      await composer.press('Enter');
    }
    await waitForBubbles(bob, ['오타가 잇어요', '잘못 보낸 메시지', '세 번째']);
    // Their messages: reply only.
    await bubble(bob, '세 번째').getByLabel('메시지 메뉴').click();
    await bob.getByRole('button', { name: '답장' }).waitFor();
    assert.equal(await bob.getByRole('button', { name: '메시지 수정' }).count(), 0, 'no edit of theirs');
    await bubble(bob, '세 번째').getByLabel('메시지 메뉴').click();

    await fromMenu(alice, '오타가 잇어요', '메시지 수정');
    const editor = alice.getByRole('dialog', { name: '메시지 수정' });
    await editor.getByLabel('메시지 입력').fill('오타가 있어요 ✏️');
    await editor.getByRole('button', { name: '저장' }).click();
    await editor.waitFor({ state: 'detached' });

    await fromMenu(alice, '잘못 보낸 메시지', '모두에게서 삭제');
    await alice
      .getByRole('dialog', { name: '모두에게서 삭제' })
      .getByRole('button', { name: '삭제', exact: true })
      .click();

    const expected = ['오타가 있어요 ✏️', '삭제된 메시지입니다.', '세 번째'];
    for (const page of [alice, bob]) {
      await bubble(page, '삭제된 메시지입니다.').waitFor();
      await bubble(page, '오타가 있어요 ✏️').getByText('수정됨').waitFor();
      await waitForBubbles(page, expected);
      assert.equal(await bubble(page, '잘못 보낸').count(), 0, 'the unsent text is gone');
    }
    await bob.reload();
    await waitForBubbles(bob, expected);
    await bubble(bob, '오타가 있어요 ✏️').getByText('수정됨').waitFor();
    assert.equal(await bubble(alice, '삭제된 메시지입니다.').getByLabel('메시지 메뉴').count(), 0);

    // Delete for me: gone from Bob's view (also after a reload, and live in his other tab),
    // still on Alice's.
    const bobTab = await bob.context().newPage();
    await bobTab.goto(bob.url());
    await bubble(bobTab, '세 번째').waitFor();
    await fromMenu(bob, '세 번째', '나에게서 삭제');
    await bubble(bob, '세 번째').waitFor({ state: 'detached' });
    await bubble(bobTab, '세 번째').waitFor({ state: 'detached' });
    await bobTab.close();
    await bob.reload();
    await waitForBubbles(bob, ['오타가 있어요 ✏️', '삭제된 메시지입니다.']);
    await waitForBubbles(alice, expected);
    assert.deepEqual(await cspViolations(alice), []);
    assert.deepEqual(await cspViolations(bob), []);
  });

  test('a reply quotes its message; the quote follows an edit of the original, live', async () => {
    const alice = (await signUpPage(browser, web.url, '하늘')).page;
    const bob = (await signUpPage(browser, web.url, '바다')).page;
    await openChatWith(alice, '바다');
    await openChatWith(bob, '하늘');
    await alice.getByLabel('메시지 입력').fill('주말에 등산 갈래요?');
    await alice.getByLabel('메시지 입력').press('Enter');
    await waitForBubbles(bob, ['주말에 등산 갈래요?']);

    await fromMenu(bob, '주말에 등산 갈래요?', '답장');
    await bob.getByText('하늘에게 답장').waitFor();
    await bob.getByLabel('메시지 입력').fill('좋아요 🏔️');
    await bob.getByLabel('메시지 입력').press('Enter');
    await bob.getByText('하늘에게 답장').waitFor({ state: 'detached' });
    for (const page of [alice, bob]) {
      const reply = bubble(page, '좋아요 🏔️');
      await reply.waitFor();
      assert.match(await reply.locator('.quote').innerText(), /하늘\s+주말에 등산 갈래요\?/);
    }

    await fromMenu(alice, '주말에 등산 갈래요?', '메시지 수정');
    await alice.getByRole('dialog').getByLabel('메시지 입력').fill('토요일에 등산 갈래요?');
    await alice.getByRole('dialog').getByRole('button', { name: '저장' }).click();
    for (const page of [alice, bob]) {
      await bubble(page, '좋아요 🏔️').locator('.quote', { hasText: '토요일에 등산 갈래요?' }).waitFor();
    }
    await bob.reload();
    await bubble(bob, '좋아요 🏔️').locator('.quote', { hasText: '토요일에 등산 갈래요?' }).waitFor();
  });

  test('mentions: @ suggests members, the mentioned one sees it marked and an @ count on the list', async () => {
    const a = await signUpPage(browser, web.url, '지민');
    const b = await signUpPage(browser, web.url, '태형');
    const c = await signUpPage(browser, web.url, '태연');
    const room = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/group', {
      name: '멘션 방',
      memberIds: [b.userId, c.userId],
    });
    await a.page.goto(`${web.url}/rooms/${room.id}`);
    await a.page.getByRole('region', { name: '멘션 방' }).waitFor();
    const composer = a.page.getByLabel('메시지 입력');
    await composer.pressSequentially('내일 @태');
    const suggestions = a.page.getByRole('list', { name: '멘션할 사람' });
    await suggestions.getByRole('button', { name: '@태형' }).waitFor();
    assert.deepEqual(await suggestions.getByRole('button').allInnerTexts(), ['@태형', '@태연']);
    await suggestions.getByRole('button', { name: '@태형' }).click();
    await composer.pressSequentially('봐요');
    assert.equal(await composer.inputValue(), '내일 @태형 봐요');
    await composer.press('Enter');

    // Bob (태형) is on his chat list: an @ count next to the unread count.
    await b.page.getByTestId('mention-badge').filter({ hasText: /1$/ }).waitFor();
    // Carol's page gets the message on its own: wait for its unread count (set in the same
    // update as the @ count) before saying she has no @.
    await c.page.getByTestId('unread-badge').filter({ hasText: /1$/ }).waitFor();
    assert.equal(await c.page.getByTestId('mention-badge').count(), 0);
    await b.page.getByRole('link', { name: /멘션 방/ }).click();
    const mine = bubble(b.page, '내일 @태형 봐요');
    await mine.locator('.bubble.mentions-me .mention', { hasText: '@태형' }).waitFor();
    await b.page.getByRole('link', { name: '채팅', exact: true }).click();
    await c.page.getByRole('link', { name: /멘션 방/ }).click();
    await bubble(c.page, '내일 @태형 봐요').locator('.mention').waitFor();
    assert.equal(
      await bubble(c.page, '내일 @태형 봐요').locator('.mentions-me').count(),
      0,
      'not marked as mine',
    );
  });

  test('reactions: picked from the menu, counted live on both sides, tapped to take back', async () => {
    const alice = (await signUpPage(browser, web.url, '수지')).page;
    const bob = (await signUpPage(browser, web.url, '준호')).page;
    await openChatWith(alice, '준호');
    await openChatWith(bob, '수지');
    await alice.getByLabel('메시지 입력').fill('공감해 주세요');
    await alice.getByLabel('메시지 입력').press('Enter');
    await waitForBubbles(bob, ['공감해 주세요']);
    const row = (page: Page) => page.locator('[role=log] .row').filter({ hasText: '공감해 주세요' });
    const chip = (page: Page, label: string) => row(page).getByRole('button', { name: label });

    await bubble(bob, '공감해 주세요').getByLabel('공감하기').click();
    await bob.getByRole('button', { name: '❤️', exact: true }).click();
    for (const page of [alice, bob]) await chip(page, '❤️ 1명').waitFor();
    assert.equal(await chip(bob, '❤️ 1명').getAttribute('aria-pressed'), 'true', 'mine on his side');
    assert.equal(await chip(alice, '❤️ 1명').getAttribute('aria-pressed'), 'false');

    // Alice taps the chip: hers too. Bob taps his: taken back.
    await chip(alice, '❤️ 1명').click();
    for (const page of [alice, bob]) await chip(page, '❤️ 2명').waitFor();
    await chip(bob, '❤️ 2명').click();
    for (const page of [alice, bob]) await chip(page, '❤️ 1명').waitFor();
    assert.equal(await chip(alice, '❤️ 1명').getAttribute('aria-pressed'), 'true');
    await bob.reload();
    await chip(bob, '❤️ 1명').waitFor();
    assert.equal(await chip(bob, '❤️ 1명').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(await cspViolations(bob), []);
  });

  test('a change missed on the way (a dropped frame) is caught up from the server, once', async () => {
    const alice = (await signUpPage(browser, web.url, 'Alice')).page;
    const bobSigned = await signUpPage(browser, web.url, 'Bob');
    const bob = bobSigned.page;
    // Bob's socket passes through the test, which drops the first change event it carries.
    let dropped = 0;
    await bob.routeWebSocket(/\/ws$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((frame) => {
        const text = typeof frame === 'string' ? frame : frame.toString('utf8');
        if (dropped === 0 && text.startsWith('MESSAGE') && text.includes('.changes')) {
          dropped++;
          return;
        }
        ws.send(frame);
      });
    });
    await bob.reload();
    await openChatWith(alice, 'Bob');
    await openChatWith(bob, 'Alice');
    const composer = alice.getByLabel('메시지 입력');
    for (const text of ['one', 'two']) {
      await composer.fill(text);
      await composer.press('Enter');
    }
    await waitForBubbles(bob, ['one', 'two']);

    await fromMenu(alice, 'one', '메시지 수정');
    await alice.getByRole('dialog').getByLabel('메시지 입력').fill('one (edited)');
    await alice.getByRole('dialog').getByRole('button', { name: '저장' }).click();
    await bubble(alice, 'one (edited)').waitFor();
    await fromMenu(alice, 'two', '모두에게서 삭제');
    await alice.getByRole('dialog').getByRole('button', { name: '삭제', exact: true }).click();

    // The edit never reached Bob live; the unsend's changeSeq shows the gap, and the page asks.
    await bubble(bob, '삭제된 메시지입니다.').waitFor();
    await bubble(bob, 'one (edited)').waitFor();
    await waitForBubbles(bob, ['one (edited)', '삭제된 메시지입니다.']);
    assert.equal(dropped, 1);
  });
});
