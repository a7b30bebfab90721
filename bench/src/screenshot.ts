// `npm run screenshot`: retakes docs/images/chat.png, the README's picture of the web client.
// A fresh embedded server, two people (지민 and 서준) chatting in Korean through the real
// client in two browser contexts, and a third (하은) whose message waits unread; the picture is
// 지민's window at desktop width. Fonts come from the system: Korean (apt: fonts-nanum or
// fonts-noto-cjk) and colour emoji (fonts-noto-color-emoji), else emoji show as boxes.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { RawStomp } from './lib/raw-stomp.ts';
import { jsonPost, startServerProcess } from './lib/server-process.ts';
import { launchBrowser } from './web/browser.ts';
import type { BrowserSession } from './web/seed-chat-list.ts';

const OUT = fileURLToPath(new URL('../../docs/images/chat.png', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };

const signup = (url: string, nickname: string, handle: string) =>
  jsonPost<BrowserSession>(url, '/api/auth/signup', {
    email: `${handle}-${Date.now()}@example.com`,
    password: 'screenshot-password-1',
    nickname,
  });

/** A page of the client signed in as `session` (the session goes where the client keeps it). */
async function openAs(browser: Browser, url: string, session: BrowserSession, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: VIEWPORT });
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
  const composer = from.getByLabel('메시지 입력');
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

  // 하은's message arrives while 지민 is in the other room: an unread badge in the list.
  const stomp = await RawStomp.connect(server.wsUrl, haeun.token);
  stomp.send('/app/chat.send', JSON.stringify({ roomId: other.id, content: '내일 회의 몇 시였죠?' }));
  await me.getByTestId('unread-badge').waitFor();
  stomp.close();

  await me.screenshot({ path: OUT });
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  await browser.close();
  await server.stop();
}
