// `npm run screenshot`: retakes docs/images/chat.png, the README's picture of the web client.
// A fresh embedded server, two people (지민 and 서준) chatting in Korean through the real
// client in two browser contexts, and a third (하은) whose message waits unread; the picture is
// 지민's window at desktop width. Fonts come from the system: Korean (apt: fonts-nanum or
// fonts-noto-cjk) and colour emoji (fonts-noto-color-emoji), else emoji show as boxes.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { RawStomp } from './lib/raw-stomp.ts';
import { jsonPost, startServerProcess } from './lib/server-process.ts';
import { launchBrowser } from './web/browser.ts';
import type { BrowserSession } from './web/seed-chat-list.ts';

// SCREENSHOT_OUT, SCREENSHOT_WIDTH and SCREENSHOT_LOCALE take other pictures of the same scene
// (a phone's 360 px, English), to look at without replacing the README's.
const OUT =
  process.env.SCREENSHOT_OUT ?? fileURLToPath(new URL('../../docs/images/chat.png', import.meta.url));
const WIDTH = Number(process.env.SCREENSHOT_WIDTH ?? 1280);
const VIEWPORT = { width: WIDTH, height: WIDTH < 600 ? 760 : 800 };
const LOCALE = process.env.SCREENSHOT_LOCALE ?? 'ko-KR';

const signup = (url: string, nickname: string, handle: string) =>
  jsonPost<BrowserSession>(url, '/api/auth/signup', {
    email: `${handle}-${Date.now()}@example.com`,
    password: 'screenshot-password-1',
    nickname,
  });

/** A page of the client signed in as `session` (the session goes where the client keeps it). */
async function openAs(browser: Browser, url: string, session: BrowserSession, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: LOCALE, viewport: VIEWPORT });
  await context.addInitScript({
    content: `localStorage.setItem('chat.session', ${JSON.stringify(JSON.stringify(session))})`,
  });
  const page = await context.newPage();
  await page.goto(`${url}${path}`);
  await page.getByRole('log').waitFor();
  return page;
}

/** Types and sends through the composer, then waits until the other side shows the message. */
async function say(from: Page, to: Page, text: string): Promise<void> {
  const composer = from.locator('#composer-input');
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await composer.press('Shift+Enter');
    await composer.pressSequentially(line);
  }
  await composer.press('Enter');
  await to.locator('[role=log] .bubble', { hasText: lines.at(-1)! }).waitFor();
}

const server = await startServerProcess({});
const browser = await launchBrowser();
try {
  const jimin = await signup(server.url, '지민', 'jimin');
  const seojun = await signup(server.url, '서준', 'seojun');
  const haeun = await signup(server.url, '하은', 'haeun');
  const room = await jsonPost<{ id: number }>(
    server.url,
    '/api/rooms/direct',
    { targetUserId: jimin.userId },
    seojun.token,
  );
  // Made before 지민's page loads its list: the server has no live "room added" event yet.
  const other = await jsonPost<{ id: number }>(
    server.url,
    '/api/rooms/direct',
    { targetUserId: jimin.userId },
    haeun.token,
  );
  const me = await openAs(browser, server.url, jimin, `/rooms/${room.id}`);
  const him = await openAs(browser, server.url, seojun, `/rooms/${room.id}`);
  await say(him, me, '지민아 저녁 뭐 먹을래? 🍜');
  await say(me, him, '음… 떡볶이 어때? 😋');
  await say(him, me, '좋아!\n7시에 학교 앞에서 보자');
  await say(him, me, '늦으면 연락해 🙏');
  await say(me, him, '알겠어 👍');
  // A photo and a file, sent through the composer's attach button.
  const sunset = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: { r: 240, g: 140, b: 60 } },
  })
    .composite([
      {
        input: Buffer.from(
          '<svg width="1200" height="800"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">' +
            '<stop offset="0" stop-color="#ff9a5a"/><stop offset="0.6" stop-color="#f25f5c"/>' +
            '<stop offset="1" stop-color="#3d348b"/></linearGradient></defs>' +
            '<rect width="1200" height="800" fill="url(#g)"/><circle cx="600" cy="520" r="140" fill="#ffd166"/>' +
            '<rect y="560" width="1200" height="240" fill="#2b2d42" opacity="0.85"/></svg>',
        ),
      },
    ])
    .jpeg()
    .toBuffer();
  await him
    .getByTestId('attach-input')
    .setInputFiles({ name: '노을.jpg', mimeType: 'image/jpeg', buffer: sunset });
  await me.getByRole('log').getByTestId('photo-thumbnail').waitFor();
  const plan = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
  await me
    .getByTestId('attach-input')
    .setInputFiles({ name: '여행 일정.pdf', mimeType: 'application/pdf', buffer: plan });
  await him.getByRole('log').getByTestId('file-card').waitFor();

  // 하은's message arrives while 지민 is in the other room: an unread badge in the list.
  const stomp = await RawStomp.connect(server.wsUrl, haeun.token);
  stomp.send('/app/chat.send', JSON.stringify({ roomId: other.id, content: '내일 회의 몇 시였죠?' }));
  await me.getByTestId('unread-badge').waitFor({ state: 'attached' });
  stomp.close();

  // SCREENSHOT_LIGHTBOX=1: the photo opened, to look at the lightbox.
  if (process.env.SCREENSHOT_LIGHTBOX) {
    await me.getByRole('log').getByTestId('photo-thumbnail').click();
    await me.getByTestId('photo-full').waitFor();
  }
  await me.screenshot({ path: OUT });
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  await browser.close();
  await server.stop();
}
