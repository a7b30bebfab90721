// Composition: the payments, faults, webhook sender and routes behind one node:http server.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiRoutes } from './api.routes.ts';
import { checkoutRoutes } from './checkout.ts';
import { controlRoutes } from './control.routes.ts';
import { Errors, SandboxError } from './errors.ts';
import { DEFAULT_FAULTS, parseFaults } from './faults.ts';
import { hasBearer, sendJson } from './http.ts';
import { createOperations } from './operations.ts';
import { createPaymentStore } from './payments.ts';
import { createRandom } from './random.ts';
import type { Route } from './routes.ts';
import type { Faults, PaymentSandbox, PaymentSandboxOptions } from './types.ts';
import { createWebhookSender } from './webhooks.ts';

export async function startPaymentSandbox(opts: PaymentSandboxOptions): Promise<PaymentSandbox> {
  if (!opts.secretKey) throw new TypeError('startPaymentSandbox: secretKey is required');
  if (!opts.webhookSecret) throw new TypeError('startPaymentSandbox: webhookSecret is required');
  let faults: Faults = { ...DEFAULT_FAULTS, ...parseFaults(opts.faults ?? {}) };
  let webhookUrl = opts.webhookUrl;
  let url = '';
  const closing = new AbortController();

  const webhooks = createWebhookSender({
    secret: opts.webhookSecret,
    url: () => webhookUrl,
    faults: () => faults,
  });
  const store = createPaymentStore((p, type) =>
    webhooks.emit({
      eventId: randomUUID(),
      type,
      paymentKey: p.paymentKey,
      orderId: p.orderId,
      amount: p.amount,
      status: p.status,
      version: p.version,
      occurredAt: new Date().toISOString(),
    }),
  );
  const ops = createOperations({
    store,
    faults: () => faults,
    random: createRandom(opts.seed ?? Math.floor(Math.random() * 2 ** 32)),
    sleep: (ms) => sleep(ms, undefined, { signal: closing.signal }),
  });
  const setFaults = (f: Partial<Faults>) => {
    faults = { ...faults, ...parseFaults(f) };
  };
  const checkoutBase = () => (opts.publicUrl ?? url).replace(/\/+$/, '');
  const authed = [
    ...apiRoutes({ store, ops, checkoutBase }),
    ...controlRoutes({ faults: () => faults, setFaults, deliveries: webhooks.deliveries }),
  ];
  const open: Route[] = [
    ...checkoutRoutes(ops),
    { method: 'GET', path: /^\/healthz$/, handle: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
  ];

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const needsAuth = path.startsWith('/v1/') || path.startsWith('/__control/');
    if (needsAuth && !hasBearer(req, opts.secretKey)) throw Errors.unauthorized();
    const matches = (needsAuth ? authed : open).flatMap((route) => {
      const m = route.path.exec(path);
      return m ? [{ route, params: m.slice(1) }] : [];
    });
    const hit = matches.find((m) => m.route.method === req.method);
    if (hit) return hit.route.handle(req, res, hit.params);
    throw matches.length > 0 ? Errors.methodNotAllowed() : Errors.notFound();
  }

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 10_000 }, (req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return void res.destroy();
      if (closing.signal.aborted) return void res.destroy();
      const known = err instanceof SandboxError ? err : new SandboxError(500, 'INTERNAL', 'internal error');
      // A body left unread (413, or an error before reading) is not waited for.
      if (!req.complete) res.setHeader('connection', 'close');
      sendJson(res, known.status, { code: known.code, message: known.message });
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    setFaults,
    setWebhookUrl: (next) => {
      webhookUrl = next;
    },
    deliveries: webhooks.deliveries,
    async close() {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([closed, webhooks.close()]);
    },
  };
}
