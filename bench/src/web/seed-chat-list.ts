// A signed-in person with a real-looking chat list: 1:1 rooms with Korean conversations, some
// unread, for the page measurements of `bench web`.
import { RawStomp } from '../lib/raw-stomp.ts';
import { jsonPost } from '../lib/server-process.ts';

/** What the web client keeps in localStorage under `chat.session` (apps/web/src/lib/session.ts). */
export interface BrowserSession {
  token: string;
  refreshToken: string;
  userId: number;
  email: string;
  nickname: string;
}

const FRIENDS = ['민지', '하니', '다니엘', '해린', '혜인', '서준', '지우', '도윤'];
const LINES = ['안녕! 오늘 저녁 어때? 🍜', '좋아요, 7시에 볼까요?', '지난번 사진 보내줄게 📷', '고마워요 😊'];

async function signup(url: string, nickname: string, tag: string): Promise<BrowserSession> {
  return jsonPost<BrowserSession>(url, '/api/auth/signup', {
    email: `web-${tag}@example.com`,
    password: 'bench-password-1',
    nickname,
  });
}

/** Sends each message with a receipt; resolves once every one is durably accepted. */
async function sendAll(wsUrl: string, token: string, messages: { roomId: number; content: string }[]) {
  const c = await RawStomp.connect(wsUrl, token);
  let pending = messages.length;
  const done = new Promise<void>((resolve, reject) => {
    c.onFrame = (f) => {
      if (f.command === 'ERROR') reject(new Error(f.headers.message ?? f.body));
      if (f.command === 'RECEIPT' && --pending === 0) resolve();
    };
  });
  messages.forEach((m, i) => {
    c.send('/app/chat.send', JSON.stringify(m), `seed-${i}`);
  });
  await done;
  c.close();
}

/** Me and eight friends, each with a 1:1 room of a few messages; returns my session. */
export async function seedChatList(url: string, wsUrl: string): Promise<BrowserSession> {
  const tag = Date.now().toString(36);
  const me = await signup(url, '나', `${tag}-me`);
  const rooms: number[] = [];
  for (const [i, name] of FRIENDS.entries()) {
    const friend = await signup(url, name, `${tag}-${i}`);
    const room = await jsonPost<{ id: number }>(
      url,
      '/api/rooms/direct',
      { targetUserId: me.userId },
      friend.token,
    );
    rooms.push(room.id);
    await sendAll(
      wsUrl,
      friend.token,
      LINES.map((content) => ({ roomId: room.id, content: `${name}: ${content}` })),
    );
  }
  await sendAll(
    wsUrl,
    me.token,
    rooms.slice(0, 4).map((roomId) => ({ roomId, content: '네, 좋아요!' })),
  );
  // Receipts mean durable in the log: wait until the list shows every room's last message.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${url}/api/rooms`, { headers: { authorization: `Bearer ${me.token}` } });
    const list = (await res.json()) as { lastMessage: unknown }[];
    if (list.length === rooms.length && list.every((r) => r.lastMessage)) break;
    if (Date.now() > deadline) throw new Error('seeded messages not stored within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return me;
}
