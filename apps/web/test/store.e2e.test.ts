// The emoticon shop in Chromium (issue 18): an administrator creates packs (one with an uploaded
// image) and grants points; Alice buys a pack with points, pays for another by card through the
// sandbox provider's checkout page, and gives the first to Bob with a message; Bob sees the
// gift's system message in their 1:1 room, and each sends an emoticon from the composer's
// picker that the other sees arrive. Bob, with no points, is told so with his balance.
// Points by card: a refused amount charges nothing, a declined payment changes nothing, a paid one
// shows in the balance and the history (its kind in Korean). And a purchase by keyboard only.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApi, login } from '@chat/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, openChatWith, rest, signedInPage, signUpPage, tabTo, watchCsp } from './pages.ts';

const skip = skipUnlessChromium('emoticon shop in Chromium');
/** Set to a folder to keep screenshots of the shop, an item and the picker (360/1280 px, ko/en). */
const SHOTS = process.env.STORE_SCREENSHOTS;
const ADMIN = { email: 'store-admin@example.com', password: 'store-admin-password-1' };

async function adminPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
  await watchCsp(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('이메일').fill(ADMIN.email);
  await page.getByLabel('비밀번호').fill(ADMIN.password);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await page.getByRole('heading', { name: '채팅', exact: true }).first().waitFor();
  return page;
}

/** An emoticon image as an artist would upload it: a coloured square with a face. */
const face = (color: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160"><rect width="160" height="160" rx="36" fill="${color}"/><circle cx="55" cy="62" r="12"/><circle cx="105" cy="62" r="12"/><path d="M45 100 Q80 135 115 100" stroke="#000" stroke-width="9" fill="none"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

async function createPack(
  page: Page,
  pack: { title: string; price: number; alts: string[]; image?: Buffer },
): Promise<void> {
  const form = page.locator('section[aria-labelledby="store-new-title"]');
  await form.getByLabel('제목', { exact: true }).fill(pack.title);
  await form.getByLabel('작가', { exact: true }).fill('테스트 작가');
  await form.getByLabel('설명', { exact: true }).fill('브라우저 테스트가 만든 이모티콘');
  await form.getByLabel('가격 (포인트)').fill(String(pack.price));
  await form.getByLabel('카테고리').fill('테스트');
  await form.getByLabel('태그 (쉼표로 구분)').fill('테스트, 귀여움');
  await form.getByLabel('이모티콘 (한 줄에 하나, 대체 텍스트)').fill(pack.alts.join('\n'));
  if (pack.image) {
    await form
      .getByLabel(`${pack.alts[0]} 이미지`)
      .setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: pack.image });
  }
  await form.getByRole('button', { name: '만들기' }).click();
  await form.getByText(`만들었어요: ${pack.title}`).waitFor();
}

/** Picks someone through the people search of a recipient picker. */
async function pickPerson(scope: Locator, nickname: string): Promise<void> {
  await scope.getByLabel('닉네임 또는 이메일로 검색').fill(nickname);
  await scope.getByRole('button', { name: nickname }).click();
}

async function openItem(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: '이모티콘', exact: true }).click();
  await page.getByRole('heading', { name: '이모티콘샵' }).waitFor();
  await page.getByLabel('이모티콘 검색 (제목, 작가, 태그)').fill(title);
  // The search is applied 250 ms after the last keystroke: wait for its results (only packs
  // that match), not the list shown before it.
  await page.waitForFunction((t) => {
    const list = document.querySelector('.store-grid');
    const cards = [...(list?.querySelectorAll('a') ?? [])];
    return (
      list?.getAttribute('aria-busy') === 'false' &&
      cards.length > 0 &&
      cards.every((a) => a.textContent?.includes(t))
    );
  }, title);
  await page.getByRole('link', { name: new RegExp(title) }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

/** Sends an emoticon from the composer's picker in the open room. */
async function sendEmoticon(page: Page, pack: string, alt: string): Promise<void> {
  await page.getByRole('button', { name: '이모티콘', exact: true }).click();
  await page.getByRole('tab', { name: pack }).click();
  await page.getByRole('button', { name: `${alt} 보내기` }).click();
}

/** Waits for a confirmed EMOTICON message showing `alt` as a loaded image in the open room. */
async function emoticonArrives(page: Page, alt: string, side: 'mine' | 'theirs'): Promise<void> {
  const img = page.locator(`[role=log] .msg.${side} .bubble-row[data-seq] img.emoticon[alt="${alt}"]`);
  await img.first().waitFor({ timeout: 30_000 });
  const width = await img.first().evaluate((el) => (el as HTMLImageElement).naturalWidth);
  assert.ok(width > 0, `the image of ${alt} loaded`);
}

describe('emoticon shop in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    }));
  });
  after(() => stopWebAndBrowser(web, browser));

  test('buy with points and by card, gift with a message, and both send an emoticon', async () => {
    const tag = randomBytes(3).toString('hex');
    const aliceName = `샵${tag}가`;
    const bobName = `샵${tag}나`;
    const alice = await signUpPage(browser, web.url, aliceName);
    const bob = await signUpPage(browser, web.url, bobName);
    const packA = `냥냥 ${tag}`;
    const packB = `멍멍 ${tag}`;

    // The administrator: two packs (the first with an uploaded image), points for Alice.
    const admin = await adminPage(browser, web.url);
    await admin.getByRole('link', { name: '관리' }).click();
    await admin.getByRole('link', { name: '스토어' }).click();
    await admin.getByRole('heading', { name: '스토어 관리' }).waitFor();
    await createPack(admin, {
      title: packA,
      price: 1200,
      alts: ['안녕', '고마워', '최고'],
      image: await face('#ffd43b'),
    });
    await createPack(admin, { title: packB, price: 800, alts: ['멍', '왈왈'] });
    const items = admin.getByRole('list', { name: '이모티콘 팩' });
    await items.getByText(packA).waitFor();
    await items.getByText(packB).waitFor();
    const grant = admin.locator('section[aria-labelledby="store-grant-title"]');
    await pickPerson(grant, aliceName);
    await grant.getByLabel('포인트', { exact: true }).fill('3000');
    await grant.getByLabel('사유').fill('브라우저 테스트');
    await grant.getByRole('button', { name: '지급하기' }).click();
    await grant.getByText(`${aliceName}님에게 3,000 P를 지급했어요.`).waitFor();

    // Alice buys the first pack with points: the confirmation shows the price and her balance.
    await openItem(alice.page, packA);
    await alice.page.getByRole('img', { name: '안녕' }).first().waitFor();
    await alice.page.getByRole('button', { name: '구매하기' }).click();
    const buy = alice.page.getByRole('dialog', { name: '이모티콘 구매' });
    assert.equal(await buy.getByTestId('purchase-price').textContent(), '1,200 P');
    assert.equal(await buy.getByTestId('purchase-balance').textContent(), '3,000 P');
    await buy.getByRole('button', { name: '1,200 P 결제하기' }).click();
    await buy.getByText('구매했어요. 채팅방에서 바로 쓸 수 있어요.').waitFor({ timeout: 30_000 });
    await buy.getByRole('button', { name: '닫기' }).first().click();
    await alice.page.getByRole('button', { name: '보유 중' }).waitFor();

    // ... and gives the same pack to Bob, with a message.
    await alice.page.getByRole('button', { name: '선물하기' }).click();
    const gift = alice.page.getByRole('dialog', { name: '이모티콘 선물' });
    await pickPerson(gift, bobName);
    await gift.getByLabel('선물 메시지').fill('생일 축하해!');
    await gift.getByRole('button', { name: '1,200 P 결제하고 선물하기' }).click();
    await gift.getByText(`${bobName}님에게 선물했어요.`).waitFor({ timeout: 30_000 });
    await gift.getByRole('button', { name: '닫기' }).first().click();

    // The second pack by card, when this server takes cards: the sandbox's page, then back here.
    const config = await alice.page.request
      .get(`${web.url}/api/store/config`, { headers: { authorization: `Bearer ${alice.token}` } })
      .then((r) => r.json() as Promise<{ cardPayments: boolean }>);
    if (config.cardPayments) {
      await openItem(alice.page, packB);
      await alice.page.getByRole('button', { name: '구매하기' }).click();
      const card = alice.page.getByRole('dialog', { name: '이모티콘 구매' });
      await card.getByRole('radio', { name: '카드' }).check();
      await card.getByRole('button', { name: '800 P 결제하기' }).click();
      await alice.page.locator('#pay').click({ timeout: 30_000 });
      await alice.page.waitForURL(/\/store\/orders\/\d+/);
      await alice.page.getByText('지급 완료').first().waitFor({ timeout: 30_000 });
      const history = alice.page.getByRole('list', { name: '진행 기록' });
      await history.getByText('결제 완료').waitFor();
    }

    // Bob has no points: the confirmation says so, with his balance.
    await openItem(bob.page, packB);
    await bob.page.getByRole('button', { name: '구매하기' }).click();
    const broke = bob.page.getByRole('dialog', { name: '이모티콘 구매' });
    await broke.getByText('포인트가 부족해요. 내 포인트 0 P, 800 P 더 필요해요.').waitFor();
    assert.equal(await broke.getByRole('button', { name: '800 P 결제하기' }).isDisabled(), true);
    await broke.getByRole('button', { name: '취소' }).click();

    // Bob's 1:1 room with Alice says she gave him the pack, with her message.
    await openChatWith(bob.page, aliceName);
    const giftLine = bob.page.locator('[role=log] .system-msg.gift');
    await giftLine.waitFor({ timeout: 30_000 });
    assert.equal(
      await giftLine.textContent(),
      `${aliceName}님이 ${bobName}님에게 "${packA}" 이모티콘을 선물했습니다.“생일 축하해!”`,
    );

    // Each sends an emoticon from the picker, and sees the other's arrive.
    await openChatWith(alice.page, bobName);
    await sendEmoticon(alice.page, packA, '안녕');
    await emoticonArrives(alice.page, '안녕', 'mine');
    await emoticonArrives(bob.page, '안녕', 'theirs');
    await sendEmoticon(bob.page, packA, '고마워');
    await emoticonArrives(bob.page, '고마워', 'mine');
    await emoticonArrives(alice.page, '고마워', 'theirs');

    // Bob's emoticons: the gift, from Alice, which he may decline.
    await bob.page.goto(`${web.url}/store/me`);
    const packs = bob.page.getByRole('list', { name: '내 이모티콘' });
    await packs.getByText(packA).waitFor();
    await packs.getByText(`${aliceName}님의 선물`).waitFor();
    await packs.getByRole('button', { name: `선물 거절: ${packA}` }).waitFor();

    // The administrator sees the sales.
    await admin.reload();
    const sales = admin.locator('section[aria-labelledby="store-sales-title"]');
    await sales.getByRole('row', { name: new RegExp(packA) }).waitFor();

    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await admin.screenshot({ path: join(SHOTS, 'store-admin-ko-1280.png'), fullPage: true });
      await admin.setViewportSize({ width: 360, height: 740 });
      await admin.screenshot({ path: join(SHOTS, 'store-admin-ko-360.png'), fullPage: true });
      await screenshots(browser, web.url, { alice, packA, bobName });
    }
    assert.deepEqual(
      [
        ...(await cspViolations(alice.page)),
        ...(await cspViolations(bob.page)),
        ...(await cspViolations(admin)),
      ],
      [],
    );
  });

  test('top up points by card: a refused amount and a declined payment change nothing, a paid one shows', async () => {
    const me = await signUpPage(browser, web.url, `충전${randomBytes(3).toString('hex')}`);
    const page = me.page;
    const points = () => rest<PointsHistoryBody>(web.url, me.token, 'GET', '/api/store/me/points');
    await page.goto(`${web.url}/store/me`);
    await page.getByTestId('my-balance').getByText('0 P').waitFor();
    if (!(await cardPaymentsOn(web.url, me.token))) {
      // No card payments here: no way in from my emoticons, and the page says why.
      assert.equal(await page.getByRole('link', { name: '충전하기' }).count(), 0);
      await page.goto(`${web.url}/store/points`);
      await page.getByText('이 서버는 카드 결제를 받지 않아').waitFor();
      return;
    }
    await page.getByRole('link', { name: '충전하기' }).click();
    await page.getByRole('heading', { name: '포인트 충전' }).waitFor();

    // Below the least and above the most: said at once, nothing asked of the server.
    const amount = page.getByLabel('직접 입력 (포인트)');
    await amount.fill('500');
    await page.getByRole('button', { name: '카드로 결제하기' }).click();
    await page.getByRole('alert').getByText('1,000 P부터 충전할 수 있어요.').waitFor();
    await amount.fill('2,000,000');
    await page.getByRole('alert').getByText('한 번에 1,000,000 P까지 충전할 수 있어요.').waitFor();
    await page.getByRole('button', { name: '카드로 결제하기' }).click();
    assert.equal(new URL(page.url()).pathname, '/store/points', 'no checkout opened');

    // Declined at the provider's checkout: back here, told so, the points unchanged.
    await page.getByRole('button', { name: '5,000 P', exact: true }).click();
    await page.getByRole('button', { name: '5,000 P 카드로 결제하기' }).click();
    await page.locator('#decline').click({ timeout: 30_000 });
    await page.waitForURL(/\/store\/points$/);
    await page.getByRole('alert').getByText('충전하지 못했어요. 포인트는 그대로예요.').waitFor();
    await page.getByText('포인트 내역이 없어요.').waitFor();
    await page.getByTestId('my-balance').getByText('0 P', { exact: true }).waitFor();
    assert.deepEqual(await points(), { balance: 0, entries: [], nextCursor: null }, 'nothing was charged');

    // Paid: confirmed on the way back, the balance and the history show it.
    await page.getByRole('button', { name: '10,000 P', exact: true }).click();
    await page.getByRole('button', { name: '10,000 P 카드로 결제하기' }).click();
    await page.locator('#pay').click({ timeout: 30_000 });
    await page.waitForURL(/\/store\/points$/);
    await page.getByRole('status').getByText('10,000 P 충전했어요.').waitFor({ timeout: 30_000 });
    await page.getByTestId('my-balance').getByText('10,000 P').waitFor();
    const entry = page.getByTestId('ledger-entry').first();
    await entry.getByText('+10,000').waitFor();
    assert.match((await entry.textContent()) ?? '', /^충전.* · 카드로 충전\+10,000$/);
    const after = await points();
    assert.equal(after.balance, 10_000);
    assert.deepEqual(
      after.entries.map((e) => [e.kind, e.amount]),
      [['TOP_UP', 10_000]],
    );
    if (SHOTS) await topUpShots(browser, web.url, page);
    assert.deepEqual(await cspViolations(page), []);
  });

  test('keyboard only: find a pack, buy it with points, top up; the focus always shows', async () => {
    const tag = randomBytes(3).toString('hex');
    const api = createApi(web.url);
    const admin = await login(api, ADMIN.email, ADMIN.password);
    const title = `키보드팩 ${tag}`;
    await rest(web.url, admin.token, 'POST', '/api/store/admin/items', {
      title,
      artist: '탭',
      description: '키보드로 사는 팩',
      price: 1200,
      category: '테스트',
      tags: [],
      emoticons: [{ alt: '탭' }],
    });
    const me = await signUpPage(browser, web.url, `키보드${tag}`);
    const granted = await api.post(
      '/api/store/admin/points/grants',
      { userId: me.userId, amount: 3000, reason: '키보드 테스트' },
      { token: admin.token, headers: { 'Idempotency-Key': `kbd-${tag}-grant` } },
    );
    assert.equal(granted.status, 201, granted.text);
    const page = me.page;
    await page.goto(`${web.url}/store`);

    await tabTo(page, page.getByLabel('이모티콘 검색 (제목, 작가, 태그)'));
    await page.keyboard.type(title);
    const card = page.getByRole('link', { name: new RegExp(title) });
    // The search applied (the list re-rendered to the one match), so the focus is not on a stale card.
    await page.waitForFunction(() => document.querySelectorAll('.store-grid .store-card').length === 1);
    await tabTo(page, card);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title }).waitFor();

    const buy = page.getByRole('button', { name: '구매하기' });
    await tabTo(page, buy);
    await page.keyboard.press('Space');
    const dialog = page.getByRole('dialog', { name: '이모티콘 구매' });
    await tabTo(page, dialog.getByRole('button', { name: '1,200 P 결제하기' }));
    await page.keyboard.press('Enter');
    // The focus on the outcome, read out first; its actions one Tab away.
    await hasFocus(
      dialog.getByRole('status').filter({ hasText: '구매했어요. 채팅방에서 바로 쓸 수 있어요.' }),
    );
    await tabTo(page, dialog.getByRole('button', { name: '주문 보기' }));
    // Closed: the focus on the pack's button, which says it is mine as the focus arrives.
    const focused = await focusedDuring(page, async () => {
      await page.keyboard.press('Escape');
      await hasFocus(page.getByRole('button', { name: '보유 중' }));
    });
    assert.deepEqual(focused, ['보유 중']);

    await tabTo(page, page.getByRole('link', { name: '내 이모티콘', exact: true }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('my-balance').getByText('1,800 P').waitFor();
    const history = page.getByRole('list', { name: '포인트 내역' });
    // Each entry's kind in Korean; a purchase names its pack, a grant keeps the admin's words.
    await history.getByText('구매', { exact: true }).waitFor();
    await history.getByText(`“${title}” 구매`).waitFor();
    await history.getByText('지급', { exact: true }).waitFor();
    await history.getByText('키보드 테스트').waitFor();
    if (!(await cardPaymentsOn(web.url, me.token))) return;

    await tabTo(page, page.getByRole('link', { name: '충전하기' }));
    await page.keyboard.press('Enter');
    const preset = page.getByRole('button', { name: '5,000 P', exact: true });
    await tabTo(page, preset);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: '5,000 P', exact: true, pressed: true }).waitFor();
    await tabTo(page, page.getByRole('button', { name: '5,000 P 카드로 결제하기' }));
    await page.keyboard.press('Enter');
    // The provider's own page: its button, by keyboard too.
    await page.locator('#pay').press('Enter', { timeout: 30_000 });
    await page.getByRole('status').getByText('5,000 P 충전했어요.').waitFor({ timeout: 30_000 });
    await page.getByTestId('my-balance').getByText('6,800 P').waitFor();
  });

  test('a quick Tab as the purchase dialog opens stays in it: closing gives the focus back to Buy, not Gift', async () => {
    const tag = randomBytes(3).toString('hex');
    const api = createApi(web.url);
    const admin = await login(api, ADMIN.email, ADMIN.password);
    const title = `빠른탭 ${tag}`;
    const item = await rest<{ id: number }>(web.url, admin.token, 'POST', '/api/store/admin/items', {
      title,
      artist: '탭',
      description: '빨리 누르는 팩',
      price: 100,
      category: '테스트',
      tags: [],
      emoticons: [{ alt: '탭' }],
    });
    const me = await signUpPage(browser, web.url, `빠른${tag}`);
    const granted = await api.post(
      '/api/store/admin/points/grants',
      { userId: me.userId, amount: 1000, reason: '빠른 탭 테스트' },
      { token: admin.token, headers: { 'Idempotency-Key': `quick-${tag}-grant` } },
    );
    assert.equal(granted.status, 201, granted.text);
    const page = me.page;
    // A busy phone: each frame comes 150 ms late, so keys pressed right after a click are
    // handled before the page is drawn again.
    await slowFrames(page);
    await page.goto(`${web.url}/store/items/${item.id}`);
    await page.getByRole('heading', { name: title }).waitFor();

    await tabTo(page, page.getByRole('button', { name: '구매하기' }));
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    const inDialog = await page.evaluate(() => document.activeElement?.closest('dialog[open]') != null);
    assert.ok(inDialog, 'the Tab moved the focus inside the open dialog, not to the page behind it');
    const dialog = page.getByRole('dialog', { name: '이모티콘 구매' });
    await tabTo(page, dialog.getByRole('button', { name: '100 P 결제하기' }));
    await page.keyboard.press('Enter');
    await hasFocus(
      dialog.getByRole('status').filter({ hasText: '구매했어요. 채팅방에서 바로 쓸 수 있어요.' }),
    );
    const focused = await focusedDuring(page, async () => {
      await page.keyboard.press('Escape');
      await hasFocus(page.getByRole('button', { name: '보유 중' }));
    });
    assert.deepEqual(
      focused,
      ['보유 중'],
      "closed: the focus straight back on the pack's button, never on Gift",
    );
    // "Owned" is greyed (aria-disabled) yet keeps the focus: its ring stands out from the page.
    const ring = await ringContrast(page.getByRole('button', { name: '보유 중' }));
    assert.ok(ring >= 3, `the focus ring on a greyed button has ${ring.toFixed(2)}:1 contrast, at least 3:1`);
  });

  test('points history by keyboard: "more" puts the focus on the first entry it brought, the last page too', async () => {
    const tag = randomBytes(3).toString('hex');
    const api = createApi(web.url);
    const admin = await login(api, ADMIN.email, ADMIN.password);
    const me = await signUpPage(browser, web.url, `내역${tag}`);
    // 45 grants: pages of 20, 20 and 5, newest first (grant 45 first, grant 1 last).
    await grantEach(api, admin.token, me.userId, 45, '적립');
    const page = me.page;
    await page.goto(`${web.url}/store/points`);
    const history = page.getByRole('list', { name: '포인트 내역' });
    const entries = history.getByTestId('ledger-entry');
    await entries.nth(19).waitFor();
    const more = page.getByRole('button', { name: '더 보기' });

    // The next page: the focus on its first entry (grant 25), one Tab from "more" again.
    await tabTo(page, more);
    await page.keyboard.press('Enter');
    await hasFocus(entries.nth(20));
    assert.match((await entries.nth(20).textContent()) ?? '', /적립 25번/);
    await tabTo(page, more);

    // The last page: "more" goes away, and the focus is on its first entry (grant 5), shown.
    await page.keyboard.press('Enter');
    await hasFocus(entries.nth(40));
    assert.match((await entries.nth(40).textContent()) ?? '', /적립 5번/);
    assert.equal(await entries.count(), 45);
    assert.equal(await more.count(), 0, 'no more pages');
    assert.ok(
      await entries.nth(40).evaluate((el) => el.matches(':focus-visible')),
      'the focused entry shows its focus',
    );
    assert.deepEqual(await cspViolations(page), []);
  });

  test('points history: "more" pressed twice while its page is on the way adds that page once', async () => {
    const tag = randomBytes(3).toString('hex');
    const api = createApi(web.url);
    const admin = await login(api, ADMIN.email, ADMIN.password);
    const me = await signUpPage(browser, web.url, `두번${tag}`);
    // 30 grants: pages of 20 and 10.
    await grantEach(api, admin.token, me.userId, 30, '두 번');
    const page = me.page;
    // A slow network: the next page's answer (from the real server) is held until both presses are made.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    await page.route(/\/api\/store\/me\/points\?cursor=/, async (route) => {
      asked++;
      await held;
      await route.continue();
    });
    await page.goto(`${web.url}/store/points`);
    const entries = page.getByRole('list', { name: '포인트 내역' }).getByTestId('ledger-entry');
    await entries.nth(19).waitFor();
    const more = page.getByRole('button', { name: '더 보기' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    release();
    await entries.nth(29).waitFor();
    await more.waitFor({ state: 'detached' });
    const texts = await entries.allTextContents();
    assert.equal(texts.length, 30, 'the second page once, not twice');
    assert.equal(new Set(texts.map((x) => /두 번 \d+번/.exec(x)?.[0])).size, 30, 'every grant shown once');
    assert.equal(asked, 1, 'one request for the next page');
  });

  test('points history: a "more" page still on its way when the history reloads (a refund) is dropped', async () => {
    const tag = randomBytes(3).toString('hex');
    const api = createApi(web.url);
    const admin = await login(api, ADMIN.email, ADMIN.password);
    const me = await signUpPage(browser, web.url, `늦은${tag}`);
    // 30 grants, then a pack bought with points (refundable): 31 entries, pages of 20 and 11.
    await grantEach(api, admin.token, me.userId, 30, '늦은');
    const title = `늦은 팩 ${tag}`;
    const item = await rest<{ id: number }>(web.url, admin.token, 'POST', '/api/store/admin/items', {
      title,
      artist: '늦은',
      description: '환불할 팩',
      price: 100,
      category: '테스트',
      tags: [],
      emoticons: [{ alt: '늦은' }],
    });
    const bought = await api.post(
      '/api/store/orders',
      { itemId: item.id, method: 'POINTS' },
      { token: me.token, headers: { 'Idempotency-Key': `late-${tag}-order` } },
    );
    assert.ok(bought.status < 300, bought.text);
    const page = me.page;
    await page.goto(`${web.url}/store/me`);
    await page.getByRole('button', { name: `환불: ${title}` }).waitFor({ timeout: 30_000 });
    const entries = page.getByRole('list', { name: '포인트 내역' }).getByTestId('ledger-entry');
    await entries.nth(19).waitFor();
    // A slow network: the next page (from the real server, as it was before the refund) is held.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/store\/me\/points\?cursor=/, async (route) => {
      await held;
      await route.continue();
    });
    const more = page.getByRole('button', { name: '더 보기' });
    const late = page.waitForResponse(/\/api\/store\/me\/points\?cursor=/);
    await more.click();
    // Meanwhile a refund: the history reloads (its first page now starts with the refund).
    await page.getByRole('button', { name: `환불: ${title}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: '환불', exact: true }).click();
    await entries.first().getByText('+100').waitFor();
    release();
    await late;
    // The late page did not join the fresh list: "more" is still there (no longer waiting) and
    // brings the rest, each once.
    await page.locator('.store-more[aria-disabled=false]').waitFor({ timeout: 10_000 });
    assert.equal(await entries.count(), 20, 'the fresh first page alone');
    await more.click();
    await entries.nth(31).waitFor();
    await more.waitFor({ state: 'detached' });
    const texts = await entries.allTextContents();
    assert.equal(texts.length, 32, '30 grants, the purchase and its refund');
    const grants = texts.map((x) => /늦은 \d+번/.exec(x)?.[0]).filter(Boolean);
    assert.equal(new Set(grants).size, 30, 'every grant shown once');
    assert.deepEqual(await cspViolations(page), []);
  });

  test('a failed purchase puts the focus on what went wrong, Retry one Tab away', async () => {
    const tag = randomBytes(3).toString('hex');
    const api = createApi(web.url);
    const admin = await login(api, ADMIN.email, ADMIN.password);
    const title = `실패 ${tag}`;
    const item = await rest<{ id: number }>(web.url, admin.token, 'POST', '/api/store/admin/items', {
      title,
      artist: '실패',
      description: '두 번 사는 팩',
      price: 100,
      category: '테스트',
      tags: [],
      emoticons: [{ alt: '실패' }],
    });
    const me = await signUpPage(browser, web.url, `실패${tag}`);
    const granted = await api.post(
      '/api/store/admin/points/grants',
      { userId: me.userId, amount: 1000, reason: '실패 테스트' },
      { token: admin.token, headers: { 'Idempotency-Key': `failed-${tag}-grant` } },
    );
    assert.equal(granted.status, 201, granted.text);
    const page = me.page;
    await page.goto(`${web.url}/store/items/${item.id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    await tabTo(page, page.getByRole('button', { name: '구매하기' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '이모티콘 구매' });
    await dialog.getByRole('button', { name: '100 P 결제하기' }).waitFor();
    // Meanwhile bought on another device: the server refuses this purchase (already mine).
    const bought = await api.post(
      '/api/store/orders',
      { itemId: item.id, method: 'POINTS' },
      { token: me.token, headers: { 'Idempotency-Key': `failed-${tag}-elsewhere` } },
    );
    assert.ok(bought.status < 300, bought.text);
    await tabTo(page, dialog.getByRole('button', { name: '100 P 결제하기' }));
    await page.keyboard.press('Enter');
    const problem = dialog.getByRole('alert').filter({ hasText: '결제하지 못했어요.' });
    await hasFocus(problem);
    // Why, in Korean: the server's English ("You already hold this pack") is never shown.
    assert.equal(
      (await problem.textContent())?.trim(),
      '결제하지 못했어요. 이미 가지고 있는 이모티콘이에요.',
    );
    assert.ok(
      await problem.evaluate((el) => el.matches(':focus-visible')),
      'the focused error shows its focus',
    );
    await page.keyboard.press('Tab');
    await hasFocus(dialog.getByRole('button', { name: '다시 시도' }));
    if (SHOTS) await failedShots(browser, web.url, page, admin.token);
  });
});

type PointsHistoryBody = {
  balance: number;
  entries: { kind: string; amount: number }[];
  nextCursor: number | null;
};

/** Waits until `target` has the focus (up to 15 s); fails naming what has it instead. */
/** `count` grants of 10 points, one at a time (the history lists them newest first): `${what} ${i}번`. */
async function grantEach(
  api: ReturnType<typeof createApi>,
  adminToken: string,
  userId: number,
  count: number,
  what: string,
): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  for (let i = 1; i <= count; i++) {
    const granted = await api.post(
      '/api/store/admin/points/grants',
      { userId, amount: 10, reason: `${what} ${i}번` },
      { token: adminToken, headers: { 'Idempotency-Key': `grants-${tag}-${i}` } },
    );
    assert.equal(granted.status, 201, granted.text);
  }
}

async function hasFocus(target: Locator): Promise<void> {
  const page = target.page();
  await page
    .waitForFunction((el) => el === document.activeElement, await target.elementHandle(), { timeout: 15_000 })
    .catch(async () => {
      const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'none');
      assert.fail(`the focus is not on ${target} but on ${active}`);
    });
}

/**
 * The contrast ratio of `target`'s focus ring (a 3 px outline 2 px outside it) against the page
 * just outside the ring, read from a screenshot at the middle of its left side.
 */
async function ringContrast(target: Locator): Promise<number> {
  const box = await target.boundingBox();
  assert.ok(box, `${target} is shown`);
  const x = Math.floor(box.x) - 16;
  const y = Math.floor(box.y + box.height / 2);
  const png = await target.page().screenshot({ clip: { x, y, width: 16, height: 1 } });
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (i: number) => [...data.subarray(i * info.channels, i * info.channels + 3)];
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.map((v) =>
      v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4,
    );
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  // Pixel 16 - 4 is inside the ring (16 - 5 to 16 - 2); pixel 16 - 12 is the page beyond it.
  const [ring, page] = [luminance(at(16 - 4)), luminance(at(16 - 12))];
  return (Math.max(ring, page) + 0.05) / (Math.min(ring, page) + 0.05);
}

/** The text of each element that takes the focus while `action` runs, in order. */
async function focusedDuring(page: Page, action: () => Promise<void>): Promise<string[]> {
  const seen = await page.evaluateHandle(() => {
    const texts: string[] = [];
    document.addEventListener('focusin', (e) => texts.push((e.target as HTMLElement).textContent ?? ''));
    return texts;
  });
  await action();
  return seen.jsonValue();
}

/**
 * Delays every animation frame of the page's next documents by 150 ms, as a busy device does:
 * what a component does after the next paint (a Preact useEffect) comes after keys pressed
 * meanwhile. A string: the bundled test's helper names would not exist in the page.
 */
const slowFrames = (page: Page) =>
  page.context().addInitScript(`{
    const frame = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => frame(() => setTimeout(() => frame(cb), 150));
  }`);

const cardPaymentsOn = (url: string, token: string) =>
  rest<{ cardPayments: boolean }>(url, token, 'GET', '/api/store/config').then((c) => c.cardPayments);

/** The top-up page with its history, and a refused amount, at 360 and 1280 px in Korean and English. */
async function topUpShots(browser: Browser, url: string, signedIn: Page): Promise<void> {
  mkdirSync(SHOTS!, { recursive: true });
  const session = await signedIn.evaluate(() => localStorage.getItem('chat.session'));
  for (const lang of ['ko', 'en'] as const) {
    for (const width of [360, 1280]) {
      const page = await signedInPage(browser, session, lang, width);
      const context = page.context();
      await page.goto(`${url}/store/points`);
      await page.getByTestId('ledger-entry').first().waitFor();
      await page.screenshot({ path: join(SHOTS!, `store-top-up-${lang}-${width}.png`), fullPage: true });
      await page.locator('#top-up-amount').fill('500');
      await page.locator('.top-up-form button[type=submit]').click();
      await page.locator('#top-up-problem').waitFor();
      await page.screenshot({ path: join(SHOTS!, `store-top-up-refused-${lang}-${width}.png`) });
      await context.close();
    }
  }
}

/**
 * A failed purchase (the pack bought meanwhile elsewhere) with the focus on its reason, and then
 * the greyed "Owned" button with the focus, at 360 and 1280 px in Korean and English.
 */
async function failedShots(browser: Browser, url: string, signedIn: Page, adminToken: string): Promise<void> {
  mkdirSync(SHOTS!, { recursive: true });
  const session = await signedIn.evaluate(() => localStorage.getItem('chat.session'));
  const token = JSON.parse(session ?? '{}').token as string;
  for (const lang of ['ko', 'en'] as const) {
    for (const width of [360, 1280]) {
      const item = await rest<{ id: number }>(url, adminToken, 'POST', '/api/store/admin/items', {
        title: `${lang} ${width} ${randomBytes(2).toString('hex')}`,
        artist: 'shots',
        description: 'shots',
        price: 10,
        category: '테스트',
        tags: [],
        emoticons: [{ alt: 'shot' }],
      });
      const page = await signedInPage(browser, session, lang, width);
      await page.goto(`${url}/store/items/${item.id}`);
      const buy = page.locator('.store-item-actions .primary');
      await tabTo(page, buy);
      await page.keyboard.press('Enter');
      const pay = page.locator('dialog .purchase-form button[type=submit]');
      await pay.waitFor();
      await createApi(url).post(
        '/api/store/orders',
        { itemId: item.id, method: 'POINTS' },
        { token, headers: { 'Idempotency-Key': `shot-${randomBytes(6).toString('hex')}` } },
      );
      await tabTo(page, pay);
      await page.keyboard.press('Enter');
      await hasFocus(page.locator('dialog .purchase-status.failed'));
      await page.screenshot({ path: join(SHOTS!, `store-failed-${lang}-${width}.png`) });
      await page.keyboard.press('Escape');
      await hasFocus(buy);
      await page.locator('.store-item-actions .primary[aria-disabled=true]').waitFor();
      await page.screenshot({ path: join(SHOTS!, `store-owned-focus-${lang}-${width}.png`) });
      await page.context().close();
    }
  }
}

/** The shop, an item and the picker at 360 and 1280 px, in Korean and English, as Alice. */
async function screenshots(
  browser: Browser,
  url: string,
  s: { alice: { page: Page }; packA: string; bobName: string },
): Promise<void> {
  mkdirSync(SHOTS!, { recursive: true });
  const session = await s.alice.page.evaluate(() => localStorage.getItem('chat.session'));
  const roomPath = new URL(s.alice.page.url()).pathname;
  await s.alice.page.goto(`${url}/store`);
  const itemHref = await s.alice.page.getByRole('link', { name: new RegExp(s.packA) }).getAttribute('href');
  for (const lang of ['ko', 'en'] as const) {
    for (const width of [360, 1280]) {
      const page = await signedInPage(browser, session, lang, width);
      const context = page.context();
      const shot = (name: string) =>
        page.screenshot({ path: join(SHOTS!, `store-${name}-${lang}-${width}.png`) });
      await page.goto(`${url}/store`);
      await page.locator('.store-card img').first().waitFor();
      await shot('shop');
      await page.goto(`${url}${itemHref}`);
      await page.locator('.emoticon-grid img').first().waitFor();
      await shot('item');
      await page.getByRole('button', { name: lang === 'ko' ? '선물하기' : 'Gift' }).click();
      await page.getByRole('dialog').waitFor();
      await shot('gift');
      await page.goto(`${url}/store/me`);
      await page.getByTestId('owned-pack').first().waitFor();
      await shot('mine');
      await page.goto(`${url}${roomPath}`);
      await page.getByRole('button', { name: lang === 'ko' ? '이모티콘' : 'Emoticons', exact: true }).click();
      await page.locator('.emoticon-picker img').first().waitFor();
      await shot('picker');
      await context.close();
    }
  }
}
