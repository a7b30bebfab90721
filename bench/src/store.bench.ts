import { startPaymentSandbox } from '@chat/payment-sandbox';
import { createRealBackend } from '@chat/testing';
import { jsonPost, signupMany, startServerProcess } from './lib/server-process.ts';
import { fmt, percentiles } from './lib/stats.ts';

/** Issue 18: orders per second end to end, by points and by card through the sandbox provider. */
const ORDERS = Number(process.env.BENCH_STORE_ORDERS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_STORE_CONCURRENCY ?? 16);
const USERS = 20;
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password-1' };
const SECRET = 'bench-sandbox-secret-key';
const WEBHOOK_SECRET = 'bench-sandbox-webhook-secret';

interface Buyer {
  userId: number;
  token: string;
}

async function call(url: string, method: string, path: string, token: string, body?: unknown, key?: string) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown> & { payment?: { paymentKey: string } };
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * One order end to end: placed, paid (by points at once; by card: the buyer pays on the
 * sandbox and the client confirms), and fulfilled by the saga (polled, as a client would).
 * Resolves with the time from placing to FULFILLED, in ms.
 */
async function oneOrder(
  url: string,
  sandboxUrl: string,
  buyer: Buyer,
  itemId: number,
  method: string,
  n: number,
) {
  const start = performance.now();
  const order = await call(
    url,
    'POST',
    '/api/store/orders',
    buyer.token,
    { itemId, method },
    `bench-${method}-${n}-${buyer.userId}-${itemId}`,
  );
  if (method === 'CARD') {
    const key = order.payment!.paymentKey;
    const pay = await fetch(`${sandboxUrl}/v1/payments/${key}/authorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (pay.status !== 200) throw new Error(`authorize: ${pay.status}`);
    await call(url, 'POST', `/api/store/orders/${order.id}/confirm`, buyer.token, { paymentKey: key });
  }
  for (;;) {
    const now = await call(url, 'GET', `/api/store/orders/${order.id}`, buyer.token);
    if (now.status === 'FULFILLED') return performance.now() - start;
    if (now.status !== 'PAID' && now.status !== 'CREATED')
      throw new Error(`order ${order.id} ended ${now.status}`);
    // A client polls (the order page does every 500 ms); 25 ms keeps the figure close to the saga's own time.
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function scenario(label: string, env: Record<string, string>): Promise<string[]> {
  const sandbox = await startPaymentSandbox({ port: 0, secretKey: SECRET, webhookSecret: WEBHOOK_SECRET });
  const server = await startServerProcess({
    ...env,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_PER_MIN: '100000',
    STORE_PAYMENT_PROVIDER: 'sandbox',
    STORE_PAYMENT_URL: sandbox.url,
    STORE_PAYMENT_SECRET_KEY: SECRET,
    STORE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  sandbox.setWebhookUrl(`${server.url}/api/store/webhooks/payments`);
  const lines: string[] = [];
  try {
    const admin = await jsonPost<{ token: string }>(server.url, '/api/auth/login', ADMIN);
    const buyers = await signupMany(server.url, USERS, `store${Date.now()}`);
    const packsNeeded = Math.ceil((2 * ORDERS) / USERS);
    const packs: number[] = [];
    for (let i = 0; i < packsNeeded; i++) {
      const item = await call(server.url, 'POST', '/api/store/admin/items', admin.token, {
        title: `Bench pack ${i}`,
        artist: 'bench',
        description: '',
        price: 100,
        category: 'bench',
        tags: [],
        emoticons: [{ alt: '😀' }],
      });
      packs.push(item.id as number);
    }
    for (const b of buyers) {
      await call(
        server.url,
        'POST',
        '/api/store/admin/points/grants',
        admin.token,
        { userId: b.userId, amount: 1_000_000, reason: 'bench' },
        `bench-grant-${b.userId}`,
      );
    }
    // Each (buyer, pack) once: orders are spread over buyers, packs taken in turn.
    let packCursor = 0;
    for (const method of ['POINTS', 'CARD'] as const) {
      const jobs = Array.from({ length: ORDERS }, (_, n) => ({
        buyer: buyers[n % USERS]!,
        item: packs[Math.floor(packCursor++ / USERS)]!,
        n,
      }));
      const latencies: number[] = [];
      let next = 0;
      const cpu0 = server.cpuSeconds();
      const start = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < jobs.length) {
            const job = jobs[next++]!;
            latencies.push(await oneOrder(server.url, sandbox.url, job.buyer, job.item, method, job.n));
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const p = percentiles(latencies);
      lines.push(
        `${label} ${method}: ${ORDERS} orders placed→paid→fulfilled, ${CONCURRENCY} at a time: ` +
          `${fmt(ORDERS / seconds, 1)} orders/s; placed→fulfilled p50 ${fmt(p.p50!)} ms, p95 ${fmt(p.p95!)} ms, ` +
          `p99 ${fmt(p.p99!)} ms; server CPU ${fmt(((server.cpuSeconds() - cpu0) / ORDERS) * 1000, 2)} ms/order`,
      );
    }
    const check = await call(server.url, 'GET', '/api/store/admin/ledger/check', admin.token);
    lines.push(`${label} ledger after the run: ${JSON.stringify(check)} (all must be 0)`);
  } finally {
    await server.stop();
    await sandbox.close();
  }
  return lines;
}

/**
 * `npm run bench -- store`: the server as its own process, embedded and on PostgreSQL + Redis +
 * NATS, with the sandbox provider beside it; 20 buyers with points. Orders per second end to
 * end for POINTS (paid at once) and CARD (create, pay at the provider, confirm), each until
 * the saga fulfilled it, and the ledger's invariants afterwards.
 */
export async function storeBench(): Promise<string[]> {
  const lines = await scenario('embedded', {});
  const backend = await createRealBackend().catch(() => undefined);
  if (!backend) return [...lines, 'distributed: skipped (PostgreSQL, Redis or NATS not reachable)'];
  try {
    lines.push(...(await scenario('distributed', backend.env)));
  } finally {
    await backend.cleanup();
  }
  return lines;
}
