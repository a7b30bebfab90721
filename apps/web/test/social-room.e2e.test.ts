// Mini-homepages in Chromium: the administrator creates two room decorations (with images) and
// grants them to A through the API; A titles and themes their room, places the decorations
// (buttons, coordinate inputs, arrow keys), saves and still sees them after a reload. B visits
// A's room by its address: the counter says today 1 / total 1, B writes in the guestbook; A
// hides the entry; B comes back the same day and the counter has not moved, the entry marked
// hidden to its author. A random visit from B lands on a room (C's or A's); once C's account is
// private, B is told so at C's room.
// Then the other way: A and B follow each other from their profiles; B decorates B's room and
// A visits it; A dresses their avatar (items granted by the administrator) in the editor, where
// another item of a worn category replaces it, and B sees it on A's room and profile.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MiniRoom } from '@chat/contracts';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, rest, type SignedInPage, signedInPage, signUpPage } from './pages.ts';

const skip = skipUnlessChromium('mini-homepages in Chromium');
/** Set to a folder to keep screenshots of a decorated room and the editor (360/1280 px, ko/en). */
const SHOTS = process.env.ROOM_SCREENSHOTS;
const ADMIN = { email: 'room-admin@example.com', password: 'room-admin-password-1' };

async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}

async function signupApi(url: string, nickname: string): Promise<{ userId: number; token: string }> {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `r-${randomBytes(5).toString('hex')}@example.com`,
      password: 'password-1234',
      nickname,
    }),
  });
  assert.equal(res.status, 201);
  return (await res.json()) as { userId: number; token: string };
}

/** A decoration's picture: a rounded shape in a colour. */
const picture = (color: string, shape: 'bear' | 'plant') =>
  sharp(
    Buffer.from(
      shape === 'bear'
        ? `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="50" cy="50" r="32" fill="${color}"/><circle cx="150" cy="50" r="32" fill="${color}"/><circle cx="100" cy="115" r="78" fill="${color}"/><circle cx="72" cy="100" r="9"/><circle cx="128" cy="100" r="9"/><ellipse cx="100" cy="138" rx="22" ry="15" fill="#fff3e0"/></svg>`
        : `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect x="55" y="120" width="90" height="75" rx="10" fill="#b5651d"/><ellipse cx="100" cy="80" rx="40" ry="62" fill="${color}"/><ellipse cx="60" cy="95" rx="26" ry="40" fill="${color}"/><ellipse cx="140" cy="95" rx="26" ry="40" fill="${color}"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

/** An avatar item's picture, drawn to stack on the others in the same 200 x 200 square. */
const avatarPicture = (part: 'bear' | 'ribbon' | 'crown' | 'glasses') =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">${
        {
          bear: '<circle cx="48" cy="70" r="24" fill="#b5793c"/><circle cx="152" cy="70" r="24" fill="#b5793c"/><circle cx="100" cy="120" r="70" fill="#c68642"/><circle cx="76" cy="112" r="7"/><circle cx="124" cy="112" r="7"/><ellipse cx="100" cy="145" rx="22" ry="15" fill="#f3dcc0"/><circle cx="100" cy="138" r="6"/>',
          ribbon:
            '<path d="M100 42 L62 20 L62 64 Z M100 42 L138 20 L138 64 Z" fill="#e0457b"/><circle cx="100" cy="42" r="10" fill="#c2185b"/>',
          crown:
            '<path d="M58 62 L64 18 L82 42 L100 10 L118 42 L136 18 L142 62 Z" fill="#f2c230" stroke="#b8860b" stroke-width="3"/>',
          glasses:
            '<g fill="none" stroke="#222" stroke-width="5"><circle cx="76" cy="112" r="18"/><circle cx="124" cy="112" r="18"/><path d="M94 110 L106 110"/></g>',
        }[part]
      }</svg>`,
    ),
  )
    .png()
    .toBuffer();

/** An asset created, given its image and granted to `userId` by the administrator. */
async function grantAsset(
  url: string,
  admin: string,
  userId: number,
  asset: { kind: 'DECORATION' | 'AVATAR'; category: string; name: string },
  image: Buffer,
): Promise<number> {
  const { id } = await rest<{ id: number }>(url, admin, 'POST', '/api/social/admin/assets', asset);
  const res = await fetch(`${url}/api/social/admin/assets/${id}/image`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'image/png' },
    body: new Uint8Array(image),
  });
  assert.equal(res.status, 200, await res.text());
  await rest(url, admin, 'POST', `/api/social/admin/assets/${id}/grants`, { userId });
  return id;
}

const grantDecoration = (url: string, admin: string, userId: number, name: string, image: Buffer) =>
  grantAsset(url, admin, userId, { kind: 'DECORATION', category: '가구', name }, image);

const counter = (page: Page) => page.getByTestId('room-counter');
/** The names of the items an avatar shows, bottom first. */
const wornNames = (page: Page, nickname: string) =>
  page
    .getByRole('group', { name: `${nickname}님의 아바타` })
    .getByRole('img')
    .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).alt));

/** A and B of the first test, for the second (the other way round). */
let pair: { a: SignedInPage; b: SignedInPage; tag: string; admin: string; bearId: number } | undefined;

describe('mini-homepages in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    }));
  });
  after(() => stopWebAndBrowser(web, browser));

  test('decorate my room, visit, guestbook, hide, count once a day, random visit', async () => {
    const tag = randomBytes(3).toString('hex');
    const a = await signUpPage(browser, web.url, `방${tag}가`);
    const b = await signUpPage(browser, web.url, `방${tag}나`);
    // A third public account with an active room: a candidate for random visits.
    const c = await signupApi(web.url, `방${tag}다`);
    await rest(web.url, c.token, 'PATCH', '/api/social/me/room', { title: `다의 방 ${tag}`, theme: 'SKY' });
    const admin = await login(web.url, ADMIN.email, ADMIN.password);
    const bearId = await grantDecoration(
      web.url,
      admin,
      a.userId,
      '곰 인형',
      await picture('#a0522d', 'bear'),
    );
    await grantDecoration(web.url, admin, a.userId, '화분', await picture('#2e8b57', 'plant'));

    // A customises: title and theme, then places both decorations and saves.
    const title = `가의 방 ${tag}`;
    await a.page.goto(`${web.url}/social/me/room`);
    await a.page.getByRole('button', { name: '꾸미기' }).click();
    const settings = a.page.getByRole('form', { name: '방 설정' });
    await settings.getByLabel('제목').fill(title);
    await settings.getByLabel('테마').selectOption({ label: '숲' });
    await settings.getByRole('button', { name: '저장' }).click();
    await settings.getByText('저장했어요.').waitFor();
    await a.page.getByRole('heading', { name: title }).waitFor();

    await a.page.getByRole('button', { name: '곰 인형 놓기' }).click();
    await a.page.getByLabel('곰 인형 가로 (0~1000)').fill('200');
    await a.page.getByLabel('곰 인형 세로 (0~600)').fill('400');
    await a.page.getByLabel('곰 인형 세로 (0~600)').press('Tab');
    const bear = a.page.getByRole('button', { name: '곰 인형 선택' });
    await bear.focus();
    await bear.press('ArrowRight');
    await a.page.getByRole('button', { name: '화분 놓기' }).click();
    // The plant (selected once placed) goes where the room is clicked, then is dragged on.
    const canvas = a.page.getByRole('group', { name: '미니룸' });
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width * 0.3, y: box.height * 0.2 } });
    // Measured again: the click scrolled the room into view.
    const at = (await canvas.boundingBox())!;
    await a.page.mouse.move(at.x + at.width * 0.3, at.y + at.height * 0.2);
    await a.page.mouse.down();
    await a.page.mouse.move(at.x + at.width * 0.55, at.y + at.height * 0.35, { steps: 4 });
    await a.page.mouse.move(at.x + at.width * 0.8, at.y + at.height * 0.5, { steps: 4 });
    await a.page.mouse.up();
    await a.page.getByRole('button', { name: '배치 저장' }).click();
    await a.page.getByText('배치를 저장했어요.').waitFor();
    const saved = await rest<MiniRoom>(web.url, a.token, 'GET', '/api/social/me/room');
    assert.equal(saved.theme, 'FOREST');
    const placed = saved.decorations.map((d) => ({ id: d.asset.id, x: d.x, y: d.y }));
    assert.deepEqual(placed[0], { id: bearId, x: 210, y: 400 });
    assert.ok(Math.abs(placed[1]!.x - 800) <= 3 && Math.abs(placed[1]!.y - 300) <= 3, JSON.stringify(placed));

    await a.page.reload();
    await a.page.getByRole('heading', { name: title }).waitFor();
    await a.page.getByRole('group', { name: '미니룸' }).getByRole('img', { name: '곰 인형' }).waitFor();
    assert.equal(await counter(a.page).textContent(), '오늘 0 / 전체 0', 'the owner never counts');

    // B visits A's room by its address: counted once; writes in the guestbook.
    await b.page.goto(`${web.url}/social/users/${a.userId}/room`);
    await b.page.getByRole('heading', { name: title }).waitFor();
    assert.equal(await counter(b.page).textContent(), '오늘 1 / 전체 1');
    await b.page.getByRole('group', { name: '미니룸' }).getByRole('img', { name: '화분' }).waitFor();
    const text = `놀러 왔어요 ${tag}`;
    await b.page.getByLabel('방명록 남기기').fill(text);
    await b.page.getByRole('button', { name: '남기기', exact: true }).click();
    await b.page.getByRole('list', { name: '방명록' }).getByText(text).waitFor();

    // A sees it (and who came), and hides it.
    await a.page.reload();
    const entries = a.page.getByRole('list', { name: '방명록' });
    const entry = entries.getByRole('listitem').filter({ hasText: text });
    await entry.waitFor();
    await a.page.getByRole('list', { name: '최근 방문자' }).getByText(`방${tag}나`).waitFor();
    assert.equal(await counter(a.page).textContent(), '오늘 1 / 전체 1');
    await entry.getByRole('button', { name: '숨기기' }).click();
    await entry.getByText('숨김').waitFor();

    // B again the same day: not counted twice; their own entry shows, marked hidden.
    await b.page.reload();
    await b.page.getByRole('heading', { name: title }).waitFor();
    assert.equal(await counter(b.page).textContent(), '오늘 1 / 전체 1');
    const mine = b.page.getByRole('list', { name: '방명록' }).getByRole('listitem').filter({ hasText: text });
    await mine.getByText('숨김').waitFor();
    await mine.getByRole('button', { name: '삭제' }).waitFor();

    // A random visit lands on someone's room (not B's own).
    await b.page.getByRole('button', { name: /랜덤 방문/ }).click();
    await b.page.waitForURL(/\/social\/users\/\d+\/room$/);
    const landed = Number(/users\/(\d+)\/room/.exec(b.page.url())![1]);
    assert.ok([a.userId, c.userId].includes(landed), `landed on ${landed}`);
    await b.page.getByRole('heading', { name: landed === a.userId ? title : `다의 방 ${tag}` }).waitFor();

    // A private account's room: B, not a follower, is told so.
    await rest(web.url, c.token, 'PATCH', '/api/social/me/settings', { private: true });
    await b.page.goto(`${web.url}/social/users/${c.userId}/room`);
    await b.page.getByText('비공개 계정이에요. 승인된 팔로워만 미니홈피를 볼 수 있어요.').waitFor();

    assert.deepEqual(await cspViolations(a.page), []);
    assert.deepEqual(await cspViolations(b.page), []);
    pair = { a, b, tag, admin, bearId };
  });

  test("the other way: follow each other, visit B's room, B sees the avatar A wears", async () => {
    assert.ok(pair, 'the first test signed A and B up');
    const { a, b, tag, admin, bearId } = pair;
    const [aName, bName] = [`방${tag}가`, `방${tag}나`];

    // B follows A from A's profile; A follows back from B's.
    await b.page.goto(`${web.url}/social/users/${a.userId}`);
    await b.page.getByRole('button', { name: '팔로우', exact: true }).click();
    await b.page.getByRole('button', { name: '팔로잉', exact: true }).waitFor();
    await a.page.goto(`${web.url}/social/users/${b.userId}`);
    await a.page.getByRole('button', { name: '맞팔로우' }).click();
    await a.page.getByRole('button', { name: '팔로잉', exact: true }).waitFor();

    // B decorates B's own room; A visits it and sees the decoration, counted once.
    await grantDecoration(web.url, admin, b.userId, '선인장', await picture('#6b8e23', 'plant'));
    await b.page.goto(`${web.url}/social/me/room`);
    await b.page.getByRole('button', { name: '꾸미기' }).click();
    await b.page.getByRole('button', { name: '선인장 놓기' }).click();
    await b.page.getByRole('button', { name: '배치 저장' }).click();
    await b.page.getByText('배치를 저장했어요.').waitFor();
    await a.page.getByRole('link', { name: '미니홈피 방문' }).click();
    await a.page.getByRole('group', { name: '미니룸' }).getByRole('img', { name: '선인장' }).waitFor();
    assert.equal(await counter(a.page).textContent(), '오늘 1 / 전체 1');
    assert.equal(
      await a.page.getByRole('group', { name: `${bName}님의 아바타` }).count(),
      0,
      'B wears nothing',
    );

    // A dresses up in the editor, reached from A's own profile.
    const wear = async (name: string, category: string, part: Parameters<typeof avatarPicture>[0]) =>
      grantAsset(web.url, admin, a.userId, { kind: 'AVATAR', category, name }, await avatarPicture(part));
    await wear('곰돌이', '몸', 'bear');
    await wear('리본', '머리', 'ribbon');
    await wear('왕관', '머리', 'crown');
    await wear('안경', '얼굴', 'glasses');
    await a.page.goto(`${web.url}/social/users/${a.userId}`);
    await a.page.getByRole('link', { name: '아바타 꾸미기' }).click();
    const editor = a.page.getByRole('region', { name: '아바타' });
    const item = (name: string) => editor.getByRole('button', { name });
    await item('곰돌이').click();
    await item('리본').click();
    await item('안경').press('Enter');
    // Another item of a worn category replaces it, in its place.
    await item('왕관').press(' ');
    assert.equal(await item('리본').getAttribute('aria-pressed'), 'false');
    assert.equal(await item('왕관').getAttribute('aria-pressed'), 'true');
    const preview = editor.getByRole('group', { name: '아바타 미리보기' });
    const alts = () =>
      preview.getByRole('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).alt));
    assert.deepEqual(await alts(), ['곰돌이', '왕관', '안경']);
    await editor.getByRole('button', { name: '아바타 저장' }).click();
    await editor.getByText('아바타를 저장했어요.').waitFor();

    // B sees it on A's room, beside A's name, and on A's profile.
    await b.page.goto(`${web.url}/social/users/${a.userId}/room`);
    await b.page
      .getByRole('group', { name: `${aName}님의 아바타` })
      .getByRole('img', { name: '안경' })
      .waitFor();
    assert.deepEqual(await wornNames(b.page, aName), ['곰돌이', '왕관', '안경']);
    await b.page.getByRole('link', { name: `${aName}님 프로필` }).click();
    await b.page.getByRole('button', { name: '팔로잉', exact: true }).waitFor();
    assert.deepEqual(await wornNames(b.page, aName), ['곰돌이', '왕관', '안경']);

    assert.deepEqual(await cspViolations(a.page), []);
    assert.deepEqual(await cspViolations(b.page), []);
    if (SHOTS) {
      await screenshots(browser, web.url, a.page, b.page, 'FOREST');
      // Once more at night, with a decoration as the background.
      await rest(web.url, a.token, 'PATCH', '/api/social/me/room', {
        theme: 'NIGHT',
        background: { assetId: bearId },
      });
      await screenshots(browser, web.url, a.page, b.page, 'NIGHT');
    }
  });
});

/** Every image of the page decoded, the canvas's background image too (for screenshots). */
const imagesLoaded = (page: Page) =>
  page.evaluate(async () => {
    const canvas = document.querySelector('.mh-canvas');
    const bg = canvas ? getComputedStyle(canvas).backgroundImage : '';
    const urls = [...document.images].map((i) => i.src);
    const match = /url\("(.+)"\)/.exec(bg);
    if (match) urls.push(match[1]!);
    await Promise.all(
      urls.map((src) => {
        const img = new Image();
        img.src = src;
        return img.decode().catch(() => {});
      }),
    );
  });

/**
 * A's decorated room, its editor and A's avatar editor, and B's view of A's room and profile, at
 * 360 and 1280 px, in Korean and English.
 */
async function screenshots(
  browser: Browser,
  url: string,
  owner: Page,
  visitor: Page,
  theme: string,
): Promise<void> {
  mkdirSync(SHOTS!, { recursive: true });
  const sessions = {
    owner: await owner.evaluate(() => localStorage.getItem('chat.session')),
    visitor: await visitor.evaluate(() => localStorage.getItem('chat.session')),
  };
  const ownerId = JSON.parse(sessions.owner ?? '{}').userId as number;
  for (const lang of ['ko', 'en'] as const) {
    for (const width of [360, 1280]) {
      for (const who of ['owner', 'visitor'] as const) {
        const page = await signedInPage(browser, sessions[who], lang, width);
        const shot = (name: string) =>
          page.screenshot({ path: join(SHOTS!, `room-${theme}-${name}-${lang}-${width}.png`) });
        await page.goto(`${url}${who === 'owner' ? '/social/me/room' : `/social/users/${ownerId}/room`}`);
        await page.locator('.mh-canvas img').first().waitFor();
        await imagesLoaded(page);
        await shot(who === 'owner' ? 'mine' : 'visit');
        // The avatar: on the owner's profile as the visitor sees it, and in the owner's editor.
        await page.goto(`${url}${who === 'owner' ? '/social/me/settings' : `/social/users/${ownerId}`}`);
        await page
          .locator(who === 'owner' ? '.avatar-item img' : '.minime img')
          .first()
          .waitFor();
        await imagesLoaded(page);
        await shot(who === 'owner' ? 'avatar-editor' : 'profile');
        if (who === 'owner') await page.goto(`${url}/social/me/room`);
        if (who === 'owner') {
          await page.getByRole('button', { name: lang === 'ko' ? '꾸미기' : 'Customise' }).click();
          await page.locator('.mh-items img').first().waitFor();
          await imagesLoaded(page);
          await page.locator('button.mh-deco').first().click();
          // The page scrolls inside its pane: a tall window shows the whole editor.
          await page.setViewportSize({ width, height: width === 360 ? 2600 : 1700 });
          await shot('editor');
        }
        await page.context().close();
      }
    }
  }
}
