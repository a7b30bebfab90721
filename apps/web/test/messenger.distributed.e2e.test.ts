// The messenger features in the page with its users on two chat nodes: what one does on node 1
// reaches the other on node 2 live, stays after a reload, and the per-message unread numbers
// the pages show are the ones the stored read marks give.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createPostgresDatabase, type SqlDatabase } from '@chat/platform';
import { skipUnless } from '@chat/platform/testing';
import type { SpawnedServer } from '@chat/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipUnlessChromium, startWebNodes, type WebNodes } from './browser.ts';
import { cspViolations, openChatWith, rest, signUpPage, waitForBubbles } from './pages.ts';

const skip =
  skipUnlessChromium('messenger features in Chromium on two chat nodes') ||
  (await skipUnless('messenger features in Chromium on two chat nodes', 'postgres', 'redis', 'nats'));

const bubble = (page: Page, text: string) =>
  page.locator('[role=log] .bubble-row[data-seq]').filter({ hasText: text });

async function fromMenu(page: Page, text: string, item: string) {
  await bubble(page, text).first().getByLabel('메시지 메뉴').click();
  await page.getByRole('button', { name: item }).click();
}

async function say(page: Page, text: string) {
  await page.getByLabel('메시지 입력').fill(text);
  await page.getByLabel('메시지 입력').press('Enter');
}

/** The page's unread number of each message it shows, by seq (0: no number shown). */
const shownUnread = (page: Page) =>
  page
    .locator('[role=log] .bubble-row[data-seq]')
    .evaluateAll((rows) =>
      rows.map((r) => [
        Number(r.getAttribute('data-seq')),
        Number.parseInt(r.querySelector('[data-testid=message-unread]')?.textContent ?? '0', 10),
      ]),
    );

describe('messenger features in Chromium on two chat nodes (distributed)', { skip }, () => {
  let cluster: WebNodes;
  let browser: Browser;
  let db: SqlDatabase;
  before(async () => {
    cluster = await startWebNodes(2, { LOG_PARTITIONS: '4' });
    browser = await launchChromium();
    db = await createPostgresDatabase({ url: cluster.env.DATABASE_URL!, poolSize: 1 });
  });
  after(async () => {
    await db?.close();
    await browser?.close();
    await cluster?.dispose();
  });

  /** By seq: the current members whose stored read mark is below the message. */
  async function storedUnread(roomId: number): Promise<Map<number, number>> {
    const { rows } = await db.query<{ seq: number | string; unread: number | string }>(
      `select m.seq, (select count(*) from chat.room_members rm
                       where rm.room_id = m.room_id and rm.last_read_seq < m.seq) as unread
         from chat.messages m where m.room_id = $1 order by m.seq`,
      [roomId],
    );
    return new Map(rows.map((r) => [Number(r.seq), Number(r.unread)]));
  }

  /** Until the page shows, for every message it shows, the number the stored marks give. */
  async function agreesWithStore(page: Page, roomId: number, what: string) {
    let last: unknown;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const stored = await storedUnread(roomId);
      const shown = await shownUnread(page);
      const expected = shown.map(([seq]) => [seq, stored.get(seq!)]);
      if (shown.length > 0 && JSON.stringify(shown) === JSON.stringify(expected)) return shown;
      last = { shown, expected };
      await page.waitForTimeout(100);
    }
    assert.fail(`${what}: the page's unread numbers never matched the store: ${JSON.stringify(last)}`);
  }

  test('reply, mention, reaction, edit, unsend and an invitation cross nodes live; unread numbers match the store, live and after a reload', async () => {
    const [n1, n2] = cluster.nodes as readonly [SpawnedServer, SpawnedServer];
    const a = await signUpPage(browser, n1.url, '민준');
    const b = await signUpPage(browser, n2.url, '서연');
    const c = await signUpPage(browser, n1.url, '지호');
    const d = await signUpPage(browser, n2.url, '하은');
    const room = await rest<{ id: number }>(n1.url, a.token, 'POST', '/api/rooms/group', {
      name: '두 노드 회의',
      memberIds: [b.userId, c.userId],
    });
    const open = async (page: Page, url: string) => {
      await page.goto(`${url}/rooms/${room.id}`);
      await page.getByRole('region', { name: '두 노드 회의' }).waitFor();
    };
    await open(a.page, n1.url);
    await open(b.page, n2.url);

    await say(a.page, '회의 몇 시예요?');
    await waitForBubbles(b.page, ['회의 몇 시예요?']);
    // 지호 has not opened the room: one unread on both sides.
    await bubble(a.page, '회의 몇 시예요?')
      .getByTestId('message-unread')
      .filter({ hasText: /^1\D/ })
      .waitFor();

    // 서연 (node 2) replies with a mention; 민준 (node 1) sees the quote and is highlighted.
    await fromMenu(b.page, '회의 몇 시예요?', '답장');
    await say(b.page, '@민준 3시요');
    const reply = bubble(a.page, '3시요');
    await reply.locator('.quote', { hasText: '회의 몇 시예요?' }).waitFor();
    await reply.locator('.bubble.mentions-me .mention', { hasText: '@민준' }).waitFor();

    // 민준 reacts; 서연 sees the count.
    await reply.getByLabel('공감하기').click();
    await a.page.getByRole('button', { name: '👍', exact: true }).click();
    await b.page
      .locator('[role=log] .row')
      .filter({ hasText: '3시요' })
      .getByRole('button', { name: '👍 1명' })
      .waitFor();

    // 민준 edits his question; 서연 sees the edit and her quote follows it.
    await fromMenu(a.page, '회의 몇 시예요?', '메시지 수정');
    const editor = a.page.getByRole('dialog', { name: '메시지 수정' });
    await editor.getByLabel('메시지 입력').fill('회의 몇 시에 시작해요?');
    await editor.getByRole('button', { name: '저장' }).click();
    await bubble(b.page, '회의 몇 시에 시작해요?').getByText('수정됨').waitFor();
    await bubble(b.page, '3시요').locator('.quote', { hasText: '회의 몇 시에 시작해요?' }).waitFor();

    // 서연 unsends a slip; 민준 sees the tombstone.
    await say(b.page, '잘못 보냄');
    await bubble(a.page, '잘못 보냄').waitFor();
    await fromMenu(b.page, '잘못 보냄', '모두에게서 삭제');
    await b.page
      .getByRole('dialog', { name: '모두에게서 삭제' })
      .getByRole('button', { name: '삭제', exact: true })
      .click();
    await bubble(a.page, '삭제된 메시지입니다.').waitFor();
    assert.equal(await bubble(a.page, '잘못 보냄').count(), 0);

    // 하은 is invited: the system line on both nodes; she counts as unread from now on.
    await rest(n1.url, a.token, 'POST', `/api/rooms/${room.id}/members`, { userIds: [d.userId] });
    for (const page of [a.page, b.page]) {
      await page.locator('.system-msg', { hasText: '민준님이 하은님을 초대했습니다.' }).waitFor();
    }
    await say(a.page, '하은님 어서 와요');
    await bubble(b.page, '하은님 어서 와요').waitFor();
    await bubble(a.page, '하은님 어서 와요')
      .getByTestId('message-unread')
      .filter({ hasText: /^2\D/ })
      .waitFor();

    for (const [page, who] of [
      [a.page, '민준 (node 1)'],
      [b.page, '서연 (node 2)'],
    ] as const) {
      await agreesWithStore(page, room.id, `${who}, live`);
    }
    await b.page.reload();
    await waitForBubbles(b.page, [
      '회의 몇 시에 시작해요?',
      '민준\n회의 몇 시에 시작해요?\n@민준 3시요',
      '삭제된 메시지입니다.',
      '하은님 어서 와요',
    ]);
    await b.page
      .locator('[role=log] .row')
      .filter({ hasText: '3시요' })
      .getByRole('button', { name: '👍 1명' })
      .waitFor();
    await agreesWithStore(b.page, room.id, '서연 after a reload');

    // 지호 (node 1) and 하은 (node 2) open the room: every number goes, on both sides.
    await open(c.page, n1.url);
    await open(d.page, n2.url);
    for (const page of [a.page, b.page]) {
      await page.locator('[role=log] [data-testid=message-unread]').first().waitFor({ state: 'detached' });
      const shown = await agreesWithStore(page, room.id, 'after everyone read');
      assert.ok(shown.every(([, n]) => n === 0));
    }
    for (const page of [a.page, b.page, c.page, d.page]) assert.deepEqual(await cspViolations(page), []);
  });
  test('the owner renames and removes across nodes; search on node 2 finds a message sent on node 1; a block stays unseen by the blocked', async () => {
    const [n1, n2] = cluster.nodes as readonly [SpawnedServer, SpawnedServer];
    const owner = await signUpPage(browser, n1.url, '방장');
    const member = await signUpPage(browser, n2.url, '회원');
    const leaving = await signUpPage(browser, n2.url, '나갈사람');
    const room = await rest<{ id: number }>(n1.url, owner.token, 'POST', '/api/rooms/group', {
      name: '동네 모임',
      memberIds: [member.userId, leaving.userId],
    });
    await owner.page.goto(`${n1.url}/rooms/${room.id}`);
    await member.page.goto(`${n2.url}/rooms/${room.id}`);
    await member.page.getByRole('region', { name: '동네 모임' }).waitFor();
    await leaving.page.getByRole('link', { name: /동네 모임/ }).waitFor();

    const panel = owner.page.getByRole('complementary', { name: '대화상대' });
    await owner.page.getByRole('button', { name: '대화상대' }).click();
    await panel.getByLabel('채팅방 이름').fill('동네 산책 모임');
    await panel.getByRole('button', { name: '설정 저장' }).click();
    await member.page.getByRole('region', { name: '동네 산책 모임' }).waitFor();
    await member.page.locator('.system-msg', { hasText: '동네 산책 모임' }).waitFor();
    await panel.getByRole('button', { name: '내보내기: 나갈사람' }).click();
    await panel.getByRole('button', { name: '내보내기', exact: true }).click();
    await leaving.page.getByRole('link', { name: /동네/ }).waitFor({ state: 'detached' });

    await say(owner.page, '내일 아침 산책 어때요');
    await bubble(member.page, '내일 아침 산책 어때요').waitFor();
    await member.page.goto(n2.url);
    await member.page.getByLabel('메시지 검색').fill('산책');
    const results = member.page.getByRole('region', { name: '검색 결과' });
    await results.getByRole('status').filter({ hasText: '1개 찾음' }).waitFor();
    await results.getByRole('link', { name: /내일 아침 산책 어때요/ }).waitFor();

    // 회원 (node 2) blocks 차단될이 (node 1) in their 1:1; what 차단될이 writes next shows as
    // not yet read, live and after a reload: not told.
    const blocked = (await signUpPage(browser, n1.url, '차단될이')).page;
    await openChatWith(blocked, '회원');
    await say(blocked, '안녕하세요');
    await member.page.getByLabel('메시지 검색').fill('');
    await openChatWith(member.page, '차단될이');
    await bubble(member.page, '안녕하세요').waitFor();
    await member.page.getByRole('button', { name: '대화상대' }).click();
    await member.page
      .getByRole('complementary', { name: '대화상대' })
      .getByRole('button', { name: /차단될이/ })
      .click();
    await member.page.getByRole('dialog').getByRole('button', { name: '차단하기' }).click();
    await member.page.getByRole('dialog').getByRole('button', { name: '차단 해제' }).waitFor();
    await member.page.getByRole('dialog').getByRole('button', { name: '닫기' }).click();
    await say(blocked, '차단 중에 보낸 말');
    const unread = bubble(blocked, '차단 중에 보낸 말').getByTestId('message-unread');
    await unread.filter({ hasText: /^1\D/ }).waitFor();
    await blocked.reload();
    await bubble(blocked, '차단 중에 보낸 말').waitFor();
    await unread.filter({ hasText: /^1\D/ }).waitFor();
    assert.equal(await bubble(member.page, '차단 중에 보낸 말').count(), 0);
    for (const page of [owner.page, member.page, leaving.page, blocked]) {
      assert.deepEqual(await cspViolations(page), []);
    }
  });
  test("one person's two devices on two nodes: delete for me and a password change reach the other; their friend sees online, then last seen", async () => {
    const [n1, n2] = cluster.nodes as readonly [SpawnedServer, SpawnedServer];
    const email = `two-${randomBytes(4).toString('hex')}@example.com`;
    const signup = await fetch(`${n1.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'password-1234', nickname: '두기기' }),
    });
    assert.equal(signup.status, 201);
    const device = async (url: string) => {
      const page = await (await browser.newContext({ locale: 'ko-KR' })).newPage();
      await page.goto(url);
      await page.getByLabel('이메일').fill(email);
      await page.getByLabel('비밀번호').fill('password-1234');
      await page.getByRole('button', { name: '로그인', exact: true }).click();
      await page.getByRole('heading', { name: '채팅' }).waitFor();
      return page;
    };
    const [one, two] = [await device(n1.url), await device(n2.url)];
    const friend = (await signUpPage(browser, n2.url, '동창')).page;
    await openChatWith(friend, '두기기');
    const status = friend.getByTestId('peer-status');
    await status.filter({ hasText: '온라인' }).waitFor();
    await say(friend, '나만 지울 메시지');
    for (const page of [one, two]) {
      await openChatWith(page, '동창');
      await bubble(page, '나만 지울 메시지').waitFor();
    }

    await fromMenu(one, '나만 지울 메시지', '나에게서 삭제');
    await bubble(two, '나만 지울 메시지').waitFor({ state: 'detached' });
    assert.equal(await bubble(friend, '나만 지울 메시지').count(), 1, 'still there for the friend');

    await one.getByRole('button', { name: '내 프로필: 두기기' }).click();
    await one.getByRole('button', { name: '계정 설정' }).click();
    await one.getByLabel('현재 비밀번호').fill('password-1234');
    await one.getByLabel('새 비밀번호', { exact: true }).fill('new-password-5678');
    await one.getByLabel('새 비밀번호 확인').fill('new-password-5678');
    await one.getByRole('button', { name: '비밀번호 변경' }).click();
    await two.getByRole('heading', { name: '로그인', exact: true }).waitFor({ timeout: 15_000 });

    // The last device leaves: the friend on the other node sees when.
    await one.context().close();
    await status.filter({ hasText: /마지막 접속/ }).waitFor();
    await two.context().close();
  });
});
