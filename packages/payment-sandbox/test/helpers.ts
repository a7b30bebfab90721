// Test helpers: a started sandbox with a JSON client, and a local webhook receiver.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type PaymentSandbox,
  type PaymentSandboxOptions,
  type SandboxWebhook,
  startPaymentSandbox,
} from '../src/index.ts';

export const SECRET_KEY = 'sk_test_sandbox';
export const WEBHOOK_SECRET = 'whsec_test_sandbox';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  body: any;
  headers: Headers;
}

export interface Api {
  sandbox: PaymentSandbox;
  get(path: string): Promise<Answer>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** A READY payment (amount 1000 unless given). */
  create(amount?: number): Promise<Answer>;
  /** A payment authorized by the card holder; returns its paymentKey. */
  authorized(amount?: number): Promise<string>;
}

export async function startApi(opts: Partial<PaymentSandboxOptions> = {}): Promise<Api> {
  const sandbox = await startPaymentSandbox({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    seed: 1,
    ...opts,
  });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${SECRET_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  let order = 0;
  const api: Api = {
    sandbox,
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body, headers),
    create: (amount = 1000) =>
      api.post('/v1/payments', {
        orderId: `order-${++order}`,
        amount,
        orderName: 'Emoticon pack',
        successUrl: 'https://shop.example/success',
        failUrl: 'https://shop.example/fail',
      }),
    async authorized(amount = 1000) {
      const { body } = await api.create(amount);
      const res = await api.post(`/v1/payments/${body.paymentKey}/authorize`);
      if (res.status !== 200) throw new Error(`authorize answered ${res.status}`);
      return body.paymentKey as string;
    },
  };
  return api;
}

export interface Received {
  raw: string;
  signature: string;
  event: SandboxWebhook;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves once `n` webhooks arrived; fails after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A webhook receiver answering `status(i)` to the i-th request (0-based; 200 by default). */
export async function startReceiver(status: (i: number) => number = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  let waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const code = status(received.length);
      received.push({ raw, signature: String(req.headers['sandbox-signature']), event: JSON.parse(raw) });
      res.writeHead(code).end();
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    waitFor: (n, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < n) return;
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== check);
          resolve(received.slice());
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== check);
          reject(new Error(`expected ${n} webhooks within ${timeoutMs} ms, got ${received.length}`));
        }, timeoutMs);
        waiters.push(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Verifies a `Sandbox-Signature` as a receiver would (written apart from the sandbox's signer). */
export function verifySignature(header: string, raw: string, secret: string, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceS || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${raw}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Resolves when `condition()` holds; fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
