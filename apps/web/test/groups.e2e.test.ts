import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, signUpPage } from './pages.ts';

const skip = skipUnlessChromium('web client groups and profiles in Chromium');
// A 1x1 PNG, served for https://img.example/ (no outside network here).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('groups, members and profiles in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  /** A new user signed up through the UI, under the CSP; https://img.example/ serves a working
   * (`ok.png`) and a broken profile image. */
  async function signUp(nickname: string): Promise<Page> {
    const { page } = await signUpPage(browser, web.url, nickname);
    await page
      .context()
      .route('https://img.example/**', (route) =>
        route.request().url().endsWith('/ok.png')
          ? route.fulfill({ contentType: 'image/png', body: PNG })
          : route.fulfill({ status: 404, body: '' }),
      );
    return page;
  }

  const memberNames = (page: Page) =>
    page.getByRole('complementary', { name: '대화상대' }).locator('.member .room-title').allInnerTexts();

  async function pickPerson(page: Page, nickname: string) {
    await page
      .getByRole('dialog')
      .or(page.locator('.invite'))
      .getByLabel('닉네임 또는 이메일로 검색')
      .fill(nickname);
    await page.getByRole('checkbox', { name: nickname }).check();
  }

  async function openMembers(page: Page) {
    await page.getByRole('button', { name: '대화상대' }).click();
    await page.getByRole('complementary', { name: '대화상대' }).locator('.member').first().waitFor();
  }

  test('A makes a group with B, invites C from the members panel, B leaves', async () => {
    const a = await signUp('가람');
    const b = await signUp('나래');
    const c = await signUp('다솜');

    // A: new group, name and B picked (a chip, removable), then created and opened.
    await a.getByRole('button', { name: '+ 새 그룹 채팅' }).click();
    const dialog = a.getByRole('dialog', { name: '새 그룹 채팅' });
    await dialog.getByRole('button', { name: '만들기' }).click();
    await dialog.getByText('함께할 사람을 한 명 이상 고르세요.').waitFor();
    await pickPerson(a, '다솜');
    await pickPerson(a, '나래');
    // The server refuses a blank name: its error shows next to the name field.
    await dialog.getByLabel('그룹 이름').fill('   ');
    await dialog.getByRole('button', { name: '만들기' }).click();
    await dialog.locator('#group-name-error').getByText('그룹 이름은 1~100자로 입력해 주세요.').waitFor();
    await dialog.getByLabel('그룹 이름').fill('주말 등산 ⛰️');
    const chips = () =>
      dialog.locator('.chip-remove').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.deepEqual(await chips(), ['선택 취소 다솜', '선택 취소 나래'], 'picks show as chips, in order');
    await dialog.getByRole('button', { name: '선택 취소 다솜' }).click();
    assert.deepEqual(await chips(), ['선택 취소 나래']);
    await dialog.getByRole('button', { name: '만들기' }).click();
    await a.getByRole('region', { name: '주말 등산 ⛰️' }).waitFor();
    assert.equal(await a.getByRole('dialog').count(), 0);

    // Members: A (owner) and B. A invites C.
    await openMembers(a);
    assert.deepEqual(await memberNames(a), ['가람 (나)', '나래']);
    assert.match(await a.locator('.member', { hasText: '가람' }).innerText(), /방장/);
    await a.getByRole('button', { name: '초대하기' }).click();
    await a.locator('.invite').getByLabel('닉네임 또는 이메일로 검색').fill('나래');
    assert.equal(await a.getByRole('checkbox', { name: '나래' }).isDisabled(), true, 'B is in already');
    await a.locator('.invite').getByText('이미 대화에 참여 중').waitFor();
    await pickPerson(a, '다솜');
    await a.getByRole('button', { name: '초대', exact: true }).click();
    await a.locator('.member', { hasText: '다솜' }).waitFor();
    assert.deepEqual((await memberNames(a)).sort(), ['가람 (나)', '나래', '다솜'].sort());

    // C sees the room on the chat list (reloaded when going back to it) and its three members.
    await c.getByRole('link', { name: '채팅', exact: true }).click();
    await c.getByRole('link', { name: /주말 등산/ }).click();
    await openMembers(c);
    assert.equal((await memberNames(c)).length, 3);

    // A member's profile opens from the panel.
    await c.getByRole('button', { name: /가람/ }).click();
    await c.getByRole('dialog', { name: '프로필' }).getByText('가람').waitFor();
    await c.getByRole('button', { name: '닫기' }).click();

    // B leaves (after confirming): back to the chat list, where the room is gone.
    await b.getByRole('link', { name: '채팅', exact: true }).click();
    await b.getByRole('link', { name: /주말 등산/ }).click();
    // B also has the room open in a second tab: leaving in the first closes it there too.
    const bTab2 = await b.context().newPage();
    await bTab2.goto(b.url());
    await bTab2.getByRole('region', { name: '주말 등산' }).waitFor();
    await openMembers(b);
    await b.getByRole('button', { name: '채팅방 나가기' }).click();
    await b.getByRole('button', { name: '취소' }).click();
    assert.equal(new URL(b.url()).pathname.startsWith('/rooms/'), true, 'cancel keeps B in the room');
    await b.getByRole('button', { name: '채팅방 나가기' }).click();
    await b.getByRole('button', { name: '나가기', exact: true }).click();
    await b.getByText('대화를 선택하세요.').waitFor();
    assert.equal(new URL(b.url()).pathname, '/');
    await b.getByText('아직 대화가 없어요. 친구 찾기에서 대화를 시작하세요.').waitFor();
    await bTab2.getByText('아직 대화가 없어요. 친구 찾기에서 대화를 시작하세요.').waitFor();
    assert.equal(new URL(bTab2.url()).pathname, '/', "the other tab's open room closed");

    // A's members panel, opened again, no longer lists B.
    await a.getByRole('button', { name: '대화상대' }).click();
    await openMembers(a);
    await a.locator('.member', { hasText: '다솜' }).waitFor();
    assert.deepEqual((await memberNames(a)).sort(), ['가람 (나)', '다솜'].sort());
    for (const page of [a, b, c]) assert.deepEqual(await cspViolations(page), []);
  });

  test('a profile edit shows in the profile view and to others after a reload; an invalid edit shows the field error', async () => {
    const me = await signUp('라온');
    const other = await signUp('마루');

    await me.getByRole('button', { name: '내 프로필: 라온' }).click();
    const dialog = me.getByRole('dialog', { name: '내 프로필' });
    await dialog.getByLabel('닉네임', { exact: true }).fill('x'.repeat(31));
    await dialog.getByRole('button', { name: '저장' }).click();
    const nicknameError = dialog.locator('#profile-nickname-error');
    await nicknameError.waitFor();
    assert.match(await nicknameError.innerText(), /닉네임은 1~30자/);
    assert.equal(await dialog.getByLabel('닉네임', { exact: true }).getAttribute('aria-invalid'), 'true');

    await dialog.getByLabel('닉네임', { exact: true }).fill('라온하제');
    await dialog.getByLabel('상태 메시지').fill('오늘도 맑음 ☀️');
    await dialog.getByLabel('프로필 사진 URL').fill('https://img.example/ok.png');
    await dialog.getByRole('button', { name: '저장' }).click();
    await dialog.getByText('저장했어요.').waitFor();
    assert.equal(await nicknameError.count(), 0);
    await me.getByRole('button', { name: '내 프로필: 라온하제' }).waitFor();
    // The image shows (it loaded: natural size 1x1) instead of the initial.
    const img = dialog.locator('.avatar img');
    // The element is there before the bytes are: wait for the load to finish, then check the size.
    await me.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
    assert.equal(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), 1);

    // A URL that does not load falls back to the initial.
    await dialog.getByLabel('프로필 사진 URL').fill('https://img.example/missing.png');
    await dialog.getByRole('button', { name: '저장' }).click();
    await dialog.locator('.avatar', { hasText: '라' }).waitFor();
    await dialog.getByLabel('프로필 사진 URL').fill('https://img.example/ok.png');
    await dialog.getByRole('button', { name: '저장' }).click();
    await img.waitFor();
    await dialog.getByRole('button', { name: '닫기' }).click();

    // My own view after a reload keeps the new nickname.
    await me.reload();
    await me.getByRole('button', { name: '내 프로필: 라온하제' }).waitFor();

    // The other user, after a reload, finds the new nickname, image and status message.
    await other.reload();
    await other.getByRole('link', { name: '친구 찾기' }).click();
    await other.getByLabel('닉네임 또는 이메일로 검색').fill('라온');
    const row = other.locator('.person', { hasText: '라온하제' });
    await row.getByText('오늘도 맑음 ☀️').waitFor();
    await row.locator('.avatar img').waitFor();
    await other.getByRole('button', { name: '프로필 보기 라온하제' }).click();
    const card = other.getByTestId('profile-card');
    await card.getByText('오늘도 맑음 ☀️').waitFor();
    assert.equal(await card.locator('.profile-name').innerText(), '라온하제');
    await card.locator('.avatar img').waitFor();

    // Log out from my profile: back to the log-in screen.
    await me.getByRole('button', { name: '내 프로필: 라온하제' }).click();
    await me.getByRole('dialog').getByRole('button', { name: '로그아웃' }).click();
    await me.getByRole('heading', { name: '로그인' }).waitFor();
    for (const page of [me, other]) assert.deepEqual(await cspViolations(page), []);
  });
});
