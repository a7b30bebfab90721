// A store process killed with kill -9 between payment confirmation and fulfilment: the order
// was PAID (its OrderPaid in the outbox, committed with it) and not fulfilled. A process
// started afterwards fulfils it exactly once: one grant, one FULFILLED transition, the ledger
// balanced. On PostgreSQL + Redis + NATS and on the embedded adapters (PGlite in a folder).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startPaymentSandbox } from '@chat/payment-sandbox';
import { skipUnless } from '@chat/platform/testing';
import {
  createApi,
  createRealBackend,
  login,
  seedMigratedDataDir,
  signup,
  startHealthyServer,
  stopServer,
  TEST_ADMIN,
} from '@chat/testing';
import { assertLedgerBalanced, createPack, order, orderReaches } from './store-fixtures.ts';

const secretKey = 'kill-test-secret-key';
const webhookSecret = 'kill-test-webhook-secret';

for (const kind of ['embedded', 'real'] as const) {
  const skip =
    kind === 'real' ? await skipUnless('store kill -9 [real]', 'postgres', 'redis', 'nats') : false;
  describe(`store: killed between payment and fulfilment [${kind}]`, { skip }, () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    after(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    test('the next process fulfils the paid order exactly once', async () => {
      const sandbox = await startPaymentSandbox({ port: 0, secretKey, webhookSecret });
      cleanups.push(() => sandbox.close());
      let backendEnv: Record<string, string>;
      if (kind === 'real') {
        const backend = await createRealBackend();
        cleanups.push(() => backend.cleanup());
        backendEnv = backend.env;
      } else {
        const dir = await mkdtemp(join(tmpdir(), 'store-kill-'));
        cleanups.push(() => rm(dir, { recursive: true, force: true }));
        await seedMigratedDataDir(dir);
        backendEnv = { DATA_DIR: dir };
      }
      const env = {
        ...backendEnv,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ADMIN_EMAIL: TEST_ADMIN.email,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        STORE_PAYMENT_PROVIDER: 'sandbox',
        STORE_PAYMENT_URL: sandbox.url,
        STORE_PAYMENT_SECRET_KEY: secretKey,
        STORE_WEBHOOK_SECRET: webhookSecret,
      };

      // The first process takes the payment but its saga is held: it dies before fulfilling.
      const first = await startHealthyServer({ ...env, STORE_SAGA_PAUSED: '1' });
      cleanups.push(() => stopServer(first));
      sandbox.setWebhookUrl(`${first.url}/api/store/webhooks/payments`);
      const api = createApi(first.url);
      const admin = await login(api, TEST_ADMIN.email, TEST_ADMIN.password);
      const buyer = await signup(api);
      const pack = await createPack(api, admin.token, { price: 4900 });
      const placed = await order(api, buyer.token, { itemId: pack.id, method: 'CARD' });
      assert.equal(placed.status, 201, placed.text);
      const { paymentKey } = placed.body.payment;
      const pay = await fetch(`${sandbox.url}/v1/payments/${paymentKey}/authorize`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(pay.status, 200);
      const confirmed = await api.post(
        `/api/store/orders/${placed.body.id}/confirm`,
        { paymentKey },
        { token: buyer.token },
      );
      assert.equal(confirmed.status, 200, confirmed.text);
      assert.equal(confirmed.body.status, 'PAID');
      first.child.kill('SIGKILL');
      await first.exited;

      const second = await startHealthyServer(env);
      cleanups.push(() => stopServer(second));
      sandbox.setWebhookUrl(`${second.url}/api/store/webhooks/payments`);
      const api2 = createApi(second.url);
      const done = await orderReaches(api2, buyer.token, placed.body.id, 'FULFILLED');
      assert.deepEqual(
        done.transitions.map((t: { to: string }) => t.to),
        ['CREATED', 'PAID', 'FULFILLED'],
      );
      const packs = await api2.get('/api/store/me/emoticons', { token: buyer.token });
      assert.deepEqual(
        packs.body.packs.map((x: { itemId: number; orderId: number }) => [x.itemId, x.orderId]),
        [[pack.id, placed.body.id]],
      );
      // Nothing more happens afterwards either (a second relay pass, a redelivery).
      const admin2 = await login(api2, TEST_ADMIN.email, TEST_ADMIN.password);
      const sales = await api2.get('/api/store/admin/sales', { token: admin2.token });
      const line = sales.body.items.find((i: { itemId: number }) => i.itemId === pack.id);
      assert.deepEqual([line.orders, line.revenue], [1, 4900]);
      await assertLedgerBalanced(api2, admin2.token);
    });
  });
}
