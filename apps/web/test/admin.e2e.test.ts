// The administration pages in Chromium. Batch (issue 17): an administrator sees "관리", runs the
// daily statistics, follows the run to its end with its steps and log, pauses a schedule, and
// sees the day's figures as a chart and a table; a user without the role sees no link and no
// data. Assets (issue 19): the administrator creates a room decoration, uploads its image and
// grants it to someone found by nickname, who then has it to place in their room; wrong input
// is refused where it is typed and creates nothing; the list filters by kind and pages.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MetaAssetPage, OwnedMetaAssetPage } from '@chat/contracts';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, openChatWith, rest, say, signUpPage, waitForBubbles, watchCsp } from './pages.ts';

const skip = skipUnlessChromium('batch administration in Chromium');
/** Set to a folder to keep screenshots of the admin screen (360 px and 1280 px, ko and en). */
const SHOTS = process.env.ADMIN_SCREENSHOTS;
const ADMIN = { email: 'web-admin@example.com', password: 'web-admin-password-1' };
/** A zone where it is about noon now, so the day counted cannot end while the test runs. */
const ZONE = (() => {
  const offset = 12 - new Date().getUTCHours();
  if (offset === 0) return 'UTC';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
})();
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());

async function adminPage(browser: Browser, url: string, width = 1280, locale = 'ko-KR'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
  await watchCsp(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel(locale.startsWith('ko') ? '이메일' : 'Email').fill(ADMIN.email);
  await page.getByLabel(locale.startsWith('ko') ? '비밀번호' : 'Password').fill(ADMIN.password);
  await page
    .getByRole('button', { name: locale.startsWith('ko') ? '로그인' : 'Log in', exact: true })
    .click();
  await page
    .getByRole('heading', { name: locale.startsWith('ko') ? '채팅' : 'Chat', exact: true })
    .first()
    .waitFor();
  return page;
}

/** The signed-in page's access token (for the test's own REST checks). */
const tokenOf = async (page: Page): Promise<string> =>
  page.evaluate(() => JSON.parse(localStorage.getItem('chat.session') ?? '{}').token as string);

/** A room decoration's picture: a small wooden shelf with a plant. */
const shelfPng = () =>
  sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160"><rect x="20" y="90" width="120" height="14" rx="4" fill="#8d5a2b"/><rect x="30" y="104" width="10" height="40" fill="#6d4320"/><rect x="120" y="104" width="10" height="40" fill="#6d4320"/><rect x="60" y="60" width="40" height="30" rx="6" fill="#c0703f"/><ellipse cx="80" cy="45" rx="26" ry="22" fill="#2e8b57"/></svg>',
    ),
  )
    .png()
    .toBuffer();

/** The newest asset's id (0: none), to tell that nothing was created. */
const newestAsset = async (url: string, token: string) =>
  (await rest<MetaAssetPage>(url, token, 'GET', '/api/social/admin/assets?size=1')).assets[0]?.id ?? 0;

/** Opens the assets tab from the chat list, through the admin link and the tab. */
async function openAssetsTab(page: Page, lang: 'ko' | 'en' = 'ko'): Promise<void> {
  await page.getByRole('link', { name: lang === 'ko' ? '관리' : 'Admin', exact: true }).click();
  await page.getByRole('link', { name: lang === 'ko' ? '아이템' : 'Assets', exact: true }).click();
  await page.getByRole('heading', { name: lang === 'ko' ? '아이템 관리' : 'Asset administration' }).waitFor();
}

describe('batch administration in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      BATCH_POLL_MS: '100',
      BATCH_TIMEZONE: ZONE,
    }));
  });
  after(() => stopWebAndBrowser(web, browser));

  test('run the daily statistics, follow it to its end, pause a schedule, see the figures', async () => {
    // Two people talk, so the day has figures.
    const name = `통계${randomBytes(3).toString('hex')}`;
    const alice = await signUpPage(browser, web.url, `${name}가`);
    const bob = await signUpPage(browser, web.url, `${name}나`);
    await openChatWith(alice.page, `${name}나`);
    await say(alice.page, '오늘 통계에 들어갈 메시지');
    await waitForBubbles(alice.page, ['오늘 통계에 들어갈 메시지']);
    await bob.page.context().close();

    const page = await adminPage(browser, web.url);
    await page.getByRole('link', { name: '관리' }).click();
    await page.getByRole('heading', { name: '배치 작업 관리' }).waitFor();
    const jobs = page.getByRole('list', { name: '작업' });
    await jobs.getByText('daily-statistics').waitFor();
    assert.ok(((await jobs.textContent()) ?? '').includes(`10 0 * * * (${ZONE})`));

    // Today's figures (a run without a day counts yesterday), through the run's options.
    const item = jobs.getByRole('listitem').filter({ hasText: 'daily-statistics' });
    await item.getByText('실행 옵션').click();
    const day = item.getByLabel('day');
    assert.equal(await day.getAttribute('placeholder'), 'YYYY-MM-DD; default: yesterday');
    await day.fill('2026-02-30');
    await page.getByRole('button', { name: '지금 실행: daily-statistics' }).click();
    await page.getByRole('alert').getByText('body.params.day: 2026-02-30 is not a calendar day').waitFor();
    await day.fill(TODAY);
    await page.getByRole('button', { name: '지금 실행: daily-statistics' }).click();
    await page.getByText('실행을 요청했어요.').waitFor();
    const runs = page.getByRole('list', { name: '실행 기록' });
    const run = runs.getByRole('listitem').filter({ hasText: 'daily-statistics #' }).first();
    await run.getByText('완료').waitFor({ timeout: 15_000 });
    await run.getByRole('button').click();
    const log = run.getByRole('list', { name: '로그' });
    await log.getByText(`figures of ${TODAY} (${ZONE}) written`).waitFor();
    const steps = (await run.locator('.run-steps').textContent()) ?? '';
    for (const s of ['reset-day', 'messages', 'signups-rooms-peak', 'active-users'])
      assert.ok(steps.includes(s), steps);
    await run.getByText('진행률 100%').waitFor();

    // The day's figures: a chart (uPlot draws on a canvas) and the same numbers in a table.
    const stats = page.locator('section[aria-labelledby="admin-stats-title"]');
    await stats.locator('canvas').first().waitFor();
    const row = stats.getByRole('row').nth(1);
    const cells = await row.getByRole('cell').allTextContents();
    // 1:1 messages 1, group 0, active users 1 (only Alice wrote), signups 3 (admin, Alice, Bob).
    assert.deepEqual([cells[0], cells[1], cells[2], cells[5]], ['1', '0', '1', '3']);

    // Pause and resume the schedule.
    await page.getByRole('button', { name: '일시 중지: daily-statistics' }).click();
    await jobs.getByText('일시 중지됨').waitFor();
    await page.getByRole('button', { name: '다시 시작: daily-statistics' }).click();
    await page.getByRole('button', { name: '일시 중지: daily-statistics' }).waitFor();
    await item.getByText(/다음 실행/).waitFor();
    assert.equal(await item.getByText('일시 중지됨').count(), 0);

    if (SHOTS) {
      await page.screenshot({ path: join(SHOTS, 'admin-ko-1280.png') });
      await stats.screenshot({ path: join(SHOTS, 'admin-stats-ko-1280.png') });
      const narrow = await adminPage(browser, web.url, 360);
      await narrow.goto(`${web.url}/admin`);
      await narrow.getByRole('heading', { name: '배치 작업 관리' }).waitFor();
      await narrow.locator('canvas').first().waitFor();
      await narrow.screenshot({ path: join(SHOTS, 'admin-ko-360.png'), fullPage: true });
      const en = await adminPage(browser, web.url, 1280, 'en-US');
      await en.goto(`${web.url}/admin`);
      await en.getByRole('heading', { name: 'Batch jobs' }).waitFor();
      await en.locator('canvas').first().waitFor();
      await en.screenshot({ path: join(SHOTS, 'admin-en-1280.png'), fullPage: true });
      const en360 = await adminPage(browser, web.url, 360, 'en-US');
      await en360.goto(`${web.url}/admin`);
      await en360.getByRole('heading', { name: 'Batch jobs' }).waitFor();
      await en360.screenshot({ path: join(SHOTS, 'admin-en-360.png'), fullPage: true });
    }
    assert.deepEqual([...(await cspViolations(page)), ...(await cspViolations(alice.page))], []);
  });

  test('assets: create a decoration, upload its image, grant it to someone found by nickname', async () => {
    const tag = randomBytes(3).toString('hex');
    const nickname = `받는이${tag}`;
    const name = `나무 선반 ${tag}`;
    const receiver = await signUpPage(browser, web.url, nickname);
    const page = await adminPage(browser, web.url);
    await openAssetsTab(page);
    assert.equal(new URL(page.url()).pathname, '/admin/assets');

    const form = page.getByRole('form', { name: '새 아이템' });
    await form.getByLabel('방 꾸미기').check();
    await form.getByLabel('이름', { exact: true }).fill(name);
    await form.getByLabel('분류', { exact: true }).fill('가구');
    await form.getByLabel('설명 (선택)').fill('화분을 올려 두는 선반');
    await form.getByRole('button', { name: '만들기' }).click();
    await form.getByRole('status').getByText(`‘${name}’ 아이템을 만들었어요.`).waitFor();
    // Listed first, and opened for its image and grants.
    const list = page.getByRole('list', { name: '아이템 목록' });
    const row = list.getByRole('listitem').first();
    await row.getByText(name, { exact: true }).waitFor();
    await row.getByText('방 꾸미기 · 가구').waitFor();
    await row.getByText('공개 중').waitFor();
    const panel = page.getByRole('region', { name: `${name} 관리` });

    // The image: sent as the body, then shown in place of the placeholder.
    const png = await shelfPng();
    await panel
      .getByLabel('이미지 파일')
      .setInputFiles({ name: 'shelf.png', mimeType: 'image/png', buffer: png });
    await panel.getByRole('button', { name: '이미지 올리기' }).click();
    await panel.getByRole('status').filter({ hasText: '이미지를 올렸어요.' }).waitFor();
    const admin = await tokenOf(page);
    const asset = (
      await rest<MetaAssetPage>(web.url, admin, 'GET', '/api/social/admin/assets?kind=DECORATION')
    ).assets[0];
    assert.ok(asset);
    assert.equal(asset.name, name);
    const image = await fetch(`${web.url}${asset.imageUrl}`);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.ok(Buffer.from(await image.arrayBuffer()).equals(png));
    const thumb = panel.getByRole('img', { name: `${name} 이미지` });
    assert.equal(await thumb.getAttribute('src'), `${asset.imageUrl}?v=1`);

    // The grant: the receiver found by nickname; a second grant says they already own it.
    await panel.getByLabel('닉네임 또는 이메일로 검색').fill(nickname);
    await panel.getByRole('button', { name: nickname }).click();
    await panel.getByTestId(`asset-${asset.id}-grant-chosen`).getByText(nickname).waitFor();
    await panel.getByRole('button', { name: '지급하기' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: `${nickname}님에게 지급했어요.` })
      .waitFor();
    await panel.getByRole('button', { name: '지급하기' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: `${nickname}님은 이 아이템을 이미 가지고 있어요. 새로 지급하지 않았어요.` })
      .waitFor();

    // The receiver owns it (granted) and has it to place in their room.
    const owned = await rest<OwnedMetaAssetPage>(web.url, receiver.token, 'GET', '/api/social/me/assets');
    assert.deepEqual(
      owned.assets.map((a) => [a.id, a.name, a.kind, a.source]),
      [[asset.id, name, 'DECORATION', 'GRANT']],
    );
    await receiver.page.goto(`${web.url}/social/me/room`);
    await receiver.page.getByRole('button', { name: '꾸미기' }).click();
    await receiver.page.getByRole('button', { name: `${name} 놓기` }).waitFor();

    // Withdrawn: marked so, not grantable; restored.
    await panel.getByRole('button', { name: '카탈로그에서 내리기' }).click();
    await panel.getByRole('status').filter({ hasText: '카탈로그에서 내렸어요.' }).waitFor();
    await row.getByText('내림', { exact: true }).waitFor();
    assert.equal(await panel.getByRole('button', { name: '지급하기' }).isDisabled(), true);
    await panel.getByRole('button', { name: '카탈로그에 다시 올리기' }).click();
    await row.getByText('공개 중').waitFor();
    assert.equal(await panel.getByRole('button', { name: '지급하기' }).isDisabled(), false);

    if (SHOTS) {
      await page.setViewportSize({ width: 1280, height: 2000 });
      await page.screenshot({ path: join(SHOTS, 'admin-assets-ko-1280.png') });
      for (const [width, lang] of [
        [360, 'ko'],
        [1280, 'en'],
        [360, 'en'],
      ] as const) {
        const shot = await adminPage(browser, web.url, width, lang === 'ko' ? 'ko-KR' : 'en-US');
        await openAssetsTab(shot, lang);
        await shot.getByRole('button', { name: `${lang === 'ko' ? '관리' : 'Manage'}: ${name}` }).click();
        await shot.setViewportSize({ width, height: width === 360 ? 3000 : 2000 });
        await shot.screenshot({ path: join(SHOTS, `admin-assets-${lang}-${width}.png`) });
        await shot.context().close();
      }
    }
    assert.deepEqual([...(await cspViolations(page)), ...(await cspViolations(receiver.page))], []);
    await receiver.page.context().close();
    await page.context().close();
  });

  test('assets: wrong input is refused where it is typed and creates nothing; kinds and pages', async () => {
    const tag = randomBytes(3).toString('hex');
    const page = await adminPage(browser, web.url);
    const admin = await tokenOf(page);
    // Twenty-one avatar items: one more than a page.
    for (let i = 1; i <= 21; i++) {
      await rest(web.url, admin, 'POST', '/api/social/admin/assets', {
        kind: 'AVATAR',
        category: '모자',
        name: `모자 ${tag} ${String(i).padStart(2, '0')}`,
      });
    }
    const before = await newestAsset(web.url, admin);
    await openAssetsTab(page);

    // No name: the field says so, takes the keyboard, and nothing is sent.
    const form = page.getByRole('form', { name: '새 아이템' });
    const nameField = form.getByLabel('이름', { exact: true });
    await form.getByLabel('분류', { exact: true }).fill('모자');
    await form.getByRole('button', { name: '만들기' }).click();
    await form
      .getByText('이름은 1~40자로 적어 주세요. 제어 문자나 보이지 않는 문자는 쓸 수 없어요.')
      .waitFor();
    assert.equal(await nameField.getAttribute('aria-invalid'), 'true');
    assert.equal(await nameField.evaluate((el) => el === document.activeElement), true);
    await nameField.fill('가'.repeat(41));
    await form.getByRole('button', { name: '만들기' }).click();
    await form.getByText('이름은 1~40자로', { exact: false }).waitFor();
    assert.equal(await newestAsset(web.url, admin), before);

    // By kind: the room decorations (no avatar item left), then the avatar items a page at a time.
    const rows = page.getByRole('list', { name: '아이템 목록' }).getByRole('listitem');
    await rows.filter({ hasText: `모자 ${tag} 21` }).waitFor();
    await page.getByLabel('종류별 보기').selectOption({ label: '방 꾸미기' });
    await rows.filter({ hasText: '아바타' }).first().waitFor({ state: 'detached' });
    await page.getByLabel('종류별 보기').selectOption({ label: '아바타' });
    await rows.filter({ hasText: `모자 ${tag} 21` }).waitFor();
    assert.equal(await rows.count(), 20);
    assert.equal(await rows.filter({ hasText: '방 꾸미기' }).count(), 0);
    await page.getByRole('button', { name: '더 보기' }).click();
    await rows.filter({ hasText: `모자 ${tag} 01` }).waitFor();
    assert.equal(await rows.count(), 21);
    assert.equal(await page.getByRole('button', { name: '더 보기' }).count(), 0);

    // An image too large, or not an image: refused before it is sent; the placeholder stays.
    const first = `모자 ${tag} 01`;
    await page.getByRole('button', { name: `관리: ${first}` }).click();
    const panel = page.getByRole('region', { name: `${first} 관리` });
    const file = panel.getByLabel('이미지 파일');
    await file.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(1_048_577, 1) });
    await panel.getByRole('alert').getByText('이미지는 1MB까지 올릴 수 있어요.').waitFor();
    assert.equal(await panel.getByRole('button', { name: '이미지 올리기' }).isDisabled(), true);
    await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await panel.getByRole('alert').getByText('PNG, GIF, WebP, JPEG 이미지만 올릴 수 있어요.').waitFor();
    const seeded = (
      await rest<MetaAssetPage>(web.url, admin, 'GET', '/api/social/admin/assets?kind=AVATAR&size=100')
    ).assets.find((a) => a.name === first);
    const image = await fetch(`${web.url}${seeded?.imageUrl}`);
    assert.equal(image.headers.get('content-type'), 'image/svg+xml');

    // Edited: the new category shows in the list.
    await panel.getByLabel('분류', { exact: true }).fill('겨울 모자');
    await panel.getByRole('button', { name: '저장' }).click();
    await panel.getByRole('status').filter({ hasText: '저장했어요.' }).waitFor();
    await rows.filter({ hasText: first }).getByText('아바타 · 겨울 모자').waitFor();
    assert.equal(await newestAsset(web.url, admin), before);
    assert.deepEqual([...(await cspViolations(page))], []);
    await page.context().close();
  });

  test('a user without the administrator role sees no admin link, and /admin shows no data', async () => {
    const user = await signUpPage(browser, web.url, `일반${randomBytes(3).toString('hex')}`);
    assert.equal(await user.page.getByRole('link', { name: '관리' }).count(), 0);
    await user.page.goto(`${web.url}/admin`);
    await user.page.getByText('관리자만 볼 수 있어요.').waitFor();
    assert.equal(await user.page.getByRole('list', { name: '작업' }).count(), 0);
  });
});
