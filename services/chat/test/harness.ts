import type { ChatMessage } from '@chat/contracts';
import type { TestServer } from '@chat/testing';
import { createApi, signup as signupUser, startTestServer as startPlatform } from '@chat/testing';

export type { TestServer } from '@chat/testing';

/** The whole platform in this process, with send limits out of the way of load tests. */
export function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  return startPlatform({ env: { CHAT_SEND_RATE_PER_SEC: '1000', CHAT_SEND_BURST: '1000', ...env } });
}

export interface TestUser {
  userId: number;
  token: string;
  nickname: string;
  email: string;
}

/** Signs a new user up through the public API on the server at `url`. */
export async function signup(url: string, nickname?: string): Promise<TestUser> {
  const user = await signupUser(createApi(url), nickname === undefined ? {} : { nickname });
  return { userId: user.userId, token: user.token, nickname: user.nickname, email: user.email };
}

/** One request; the body is parsed JSON (or undefined when empty). */
export async function api<T = unknown>(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

/** A room's whole history through `afterSeq` pages, oldest first. */
export async function allHistory(
  url: string,
  user: TestUser,
  roomId: number,
  afterSeq = 0,
): Promise<ChatMessage[]> {
  const out: ChatMessage[] = [];
  let after = afterSeq;
  for (;;) {
    const page = await api<{ messages: ChatMessage[]; hasMore: boolean }>(
      url,
      'GET',
      `/api/rooms/${roomId}/messages?afterSeq=${after}&size=100`,
      user.token,
    );
    if (page.status !== 200) throw new Error(`history of room ${roomId}: ${page.status}`);
    out.push(...page.body.messages);
    if (!page.body.hasMore) return out;
    after = out.at(-1)!.seq;
  }
}
