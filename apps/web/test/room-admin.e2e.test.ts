import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, openChatWith, rest, say, signUpPage, waitForBubbles } from './pages.ts';

const skip = skipUnlessChromium('room administration in Chromium');

const systemLine = (page: Page, text: string) => page.locator('[role=log] .system-msg', { hasText: text });
const panel = (page: Page) => page.getByRole('complementary', { name: '대화상대' });

describe('room administration, system messages and blocking in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  test('the owner renames, removes a member and closes the room; members see it happen; settings are mine', async () => {
    const a = await signUpPage(browser, web.url, '방장님');
    const b = await signUpPage(browser, web.url, '보람');
    const c = await signUpPage(browser, web.url, '초롱');
    const room = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/group', {
      name: '동아리',
      memberIds: [b.userId, c.userId],
    });
    for (const p of [a, b]) {
      await p.page.goto(`${web.url}/rooms/${room.id}`);
      await p.page.getByRole('region', { name: '동아리' }).waitFor();
    }
    await c.page.goto(web.url);
    await c.page.getByRole('link', { name: /동아리/ }).waitFor();

    // A renames the room from the members panel.
    await a.page.getByRole('button', { name: '대화상대' }).click();
    await panel(a.page).getByLabel('채팅방 이름').fill('독서 동아리');
    await panel(a.page).getByRole('button', { name: '설정 저장' }).click();
    for (const p of [a.page, b.page]) {
      await systemLine(p, "방장님님이 채팅방 이름을 '독서 동아리'(으)로 바꿨습니다.").waitFor();
      await p.getByRole('region', { name: '독서 동아리' }).waitFor();
    }
    assert.equal(await b.page.getByRole('button', { name: '설정 저장' }).count(), 0, 'B is not the owner');

    // A removes C: C's list loses the room live; B sees why.
    await panel(a.page).getByRole('button', { name: '내보내기: 초롱' }).click();
    await panel(a.page).getByRole('button', { name: '내보내기', exact: true }).click();
    await systemLine(b.page, '방장님님이 초롱님을 내보냈습니다.').waitFor();
    await c.page.getByRole('link', { name: /동아리/ }).waitFor({ state: 'detached' });

    // B pins it: only B's list shows the pin.
    await b.page.getByRole('button', { name: '대화상대' }).click();
    await panel(b.page).getByRole('button', { name: '맨 위에 고정' }).click();
    await panel(b.page).getByRole('button', { name: '고정 해제' }).waitFor();
    await b.page
      .getByRole('link', { name: /독서 동아리/ })
      .getByText('고정됨')
      .waitFor();
    assert.equal(
      await a.page
        .getByRole('link', { name: /독서 동아리/ })
        .getByText('고정됨')
        .count(),
      0,
    );

    // A closes it: B can read but not write.
    await panel(a.page).getByRole('button', { name: '채팅방 닫기' }).click();
    await panel(a.page).getByRole('button', { name: '채팅방 닫기' }).click();
    for (const p of [a.page, b.page]) {
      await systemLine(p, '방장님님이 채팅방을 닫았습니다.').waitFor();
      await p.getByRole('status').filter({ hasText: '닫힌 채팅방이에요' }).waitFor();
      assert.equal(await p.getByLabel('메시지 입력').count(), 0, 'no composer');
    }
    await b.page.reload();
    await systemLine(b.page, '방장님님이 채팅방을 닫았습니다.').waitFor();
    await b.page.getByRole('status').filter({ hasText: '닫힌 채팅방이에요' }).waitFor();
    assert.deepEqual(await cspViolations(b.page), []);
  });

  test("blocking from a profile: the blocked one's 1:1 messages stop showing, until unblocked", async () => {
    const a = await signUpPage(browser, web.url, '차단될사람');
    const b = await signUpPage(browser, web.url, '차단할사람');
    await openChatWith(a.page, '차단할사람');
    await openChatWith(b.page, '차단될사람');
    await say(a.page, '첫 인사');
    await waitForBubbles(b.page, ['첫 인사']);

    await b.page.getByRole('button', { name: '대화상대' }).click();
    await panel(b.page)
      .getByRole('button', { name: /차단될사람/ })
      .click();
    await b.page.getByRole('dialog').getByRole('button', { name: '차단하기' }).click();
    await b.page.getByRole('dialog').getByRole('button', { name: '차단 해제' }).waitFor();
    await b.page.getByRole('dialog').getByRole('button', { name: '닫기' }).click();

    await say(a.page, '차단 중 메시지');
    await waitForBubbles(a.page, ['첫 인사', '차단 중 메시지']);
    await say(b.page, '내 메시지는 보여요');
    await waitForBubbles(b.page, ['첫 인사', '내 메시지는 보여요']);
    await b.page.reload();
    await waitForBubbles(b.page, ['첫 인사', '내 메시지는 보여요']);
    assert.equal(await b.page.getByTestId('unread-badge').count(), 0);

    await b.page.getByRole('button', { name: '대화상대' }).click();
    await panel(b.page)
      .getByRole('button', { name: /차단될사람/ })
      .click();
    await b.page.getByRole('dialog').getByRole('button', { name: '차단 해제' }).click();
    await b.page.getByRole('dialog').getByRole('button', { name: '차단하기' }).waitFor();
    await b.page.getByRole('dialog').getByRole('button', { name: '닫기' }).click();
    await say(a.page, '해제 후 메시지');
    await waitForBubbles(b.page, ['첫 인사', '내 메시지는 보여요', '해제 후 메시지']);
  });

  test('a 1:1 I hid opens again from the people search, titled, off my list until a new message brings it back live', async () => {
    const a = await signUpPage(browser, web.url, '숨긴이');
    const b = await signUpPage(browser, web.url, '옛친구');
    await openChatWith(a.page, '옛친구');
    await say(a.page, '오랜만이야');
    await waitForBubbles(a.page, ['오랜만이야']);
    await a.page.getByRole('button', { name: '대화상대' }).click();
    await panel(a.page).getByRole('button', { name: '채팅 목록에서 숨기기' }).click();
    const listItem = a.page.getByRole('link', { name: /옛친구/ });
    await listItem.waitFor({ state: 'detached' });

    // Not in my list, so its title comes from the room itself.
    await openChatWith(a.page, '옛친구');
    assert.equal(
      await a.page.getByRole('region', { name: '옛친구' }).getByRole('heading', { level: 2 }).innerText(),
      '옛친구',
    );
    await waitForBubbles(a.page, ['오랜만이야']);
    assert.equal(await listItem.count(), 0, 'still hidden from the list');

    // 옛친구 writes: the room is back in my list at once, with that message, no reload.
    await a.page.getByRole('link', { name: '채팅', exact: true }).click();
    await openChatWith(b.page, '숨긴이');
    await say(b.page, '다시 연락해');
    await listItem.filter({ hasText: '다시 연락해' }).waitFor();
  });

  test("a 1:1's header says online, then when last seen; hidden when the person hides it", async () => {
    const a = await signUpPage(browser, web.url, '접속자');
    const b = await signUpPage(browser, web.url, '지켜보는이');
    await openChatWith(b.page, '접속자');
    const status = b.page.getByTestId('peer-status');
    await status.filter({ hasText: '온라인' }).waitFor();
    await a.page.close();
    await status.filter({ hasText: /마지막 접속 (지금|방금|\d+초)/ }).waitFor();

    // Hidden: a new session of A's, closed again, leaves no time behind.
    const c = await signUpPage(browser, web.url, '숨는이');
    await c.page.getByRole('button', { name: /: 숨는이$/ }).click();
    // The box unchecks at once; the setting counts once the server has stored it.
    await Promise.all([
      c.page.waitForResponse(
        (r) => r.url().endsWith('/api/rooms/me/privacy') && r.request().method() === 'PATCH' && r.ok(),
      ),
      c.page.getByLabel('대화상대에게 마지막 접속 시간 보이기').uncheck(),
    ]);
    await openChatWith(b.page, '숨는이');
    await status.filter({ hasText: '온라인' }).waitFor();
    await c.page.context().close();
    await status.filter({ hasText: '온라인' }).waitFor({ state: 'detached' });
    assert.equal(await status.innerText(), '', 'offline, and no time shown');
  });

  test('system messages read in English for an English reader', async () => {
    const a = await signUpPage(browser, web.url, 'Owner');
    const b = await signUpPage(browser, web.url, 'Reader');
    const room = await rest<{ id: number }>(web.url, a.token, 'POST', '/api/rooms/group', {
      name: 'club',
      memberIds: [b.userId],
    });
    await b.page.evaluate(() => localStorage.setItem('chat.lang', 'en'));
    await b.page.goto(`${web.url}/rooms/${room.id}`);
    await b.page.getByRole('region', { name: 'club' }).waitFor();
    await rest(web.url, a.token, 'PATCH', `/api/rooms/${room.id}`, { name: 'book club' });
    await systemLine(b.page, 'Owner renamed the chat to "book club".').waitFor();
  });
});
