// The batch administration pages in Chromium (issue 17): an administrator sees "관리", runs the
// daily statistics, follows the run to its end with its steps and log, pauses a schedule, and
// sees the day's figures as a chart and a table; a user without the role sees no link and no
// data.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, openChatWith, say, signUpPage, waitForBubbles, watchCsp } from './pages.ts';

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

  test('a user without the administrator role sees no admin link, and /admin shows no data', async () => {
    const user = await signUpPage(browser, web.url, `일반${randomBytes(3).toString('hex')}`);
    assert.equal(await user.page.getByRole('link', { name: '관리' }).count(), 0);
    await user.page.goto(`${web.url}/admin`);
    await user.page.getByText('관리자만 볼 수 있어요.').waitFor();
    assert.equal(await user.page.getByRole('list', { name: '작업' }).count(), 0);
  });
});
