import { randomBytes } from 'node:crypto';
import type { AuthResponse } from '@chat/contracts';
import type { Api } from './api.ts';

export interface UserInput {
  email: string;
  password: string;
  nickname: string;
}

let counter = 0;

/** A valid, unique signup body. */
export function buildUser(overrides: Partial<UserInput> = {}): UserInput {
  counter += 1;
  const tag = `${counter}${randomBytes(3).toString('hex')}`;
  return {
    email: `user${tag}@example.com`,
    password: `pass-${tag}-word`,
    nickname: `user${tag}`,
    ...overrides,
  };
}

export interface SignedUp extends UserInput {
  auth: AuthResponse;
  token: string;
  refreshToken: string;
  userId: number;
}

/** Signs a user up and returns the input with the tokens (fails the test on anything but 201). */
export async function signup(api: Api, overrides: Partial<UserInput> = {}): Promise<SignedUp> {
  const input = buildUser(overrides);
  const res = await api.post<AuthResponse>('/api/auth/signup', input);
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  return {
    ...input,
    auth: res.body,
    token: res.body.token,
    refreshToken: res.body.refreshToken,
    userId: res.body.userId,
  };
}

/** Logs in (fails the test on anything but 200). */
export async function login(api: Api, email: string, password: string): Promise<AuthResponse> {
  const res = await api.post<AuthResponse>('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Polls `check` until it returns a truthy value (for effects of asynchronous consumers). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
