// /v1: create, read, authorize, confirm and cancel payments (the dispatcher checks the bearer).
import { Errors } from './errors.ts';
import { readJson, sendJson } from './http.ts';
import type { Operations } from './operations.ts';
import { type NewPayment, type PaymentStore, presentPayment } from './payments.ts';
import { decodeParam, type Route } from './routes.ts';

const KEY = '([^/]+)';

export function apiRoutes(deps: {
  store: PaymentStore;
  ops: Operations;
  checkoutBase: () => string;
}): Route[] {
  const { store, ops } = deps;
  return [
    {
      method: 'POST',
      path: /^\/v1\/payments$/,
      async handle(req, res) {
        const input = parseNewPayment(await readJson(req));
        const key = req.headers['idempotency-key'];
        if (Array.isArray(key) || (key !== undefined && (key.length === 0 || key.length > 300)))
          throw Errors.invalidRequest('Idempotency-Key must be 1..300 characters');
        const { payment, created } = store.create(input, key);
        const checkoutUrl = `${deps.checkoutBase()}/checkout/${encodeURIComponent(payment.paymentKey)}`;
        sendJson(res, created ? 201 : 200, { ...presentPayment(payment), checkoutUrl });
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^/v1/payments/${KEY}$`),
      handle: (_req, res, [key]) => sendJson(res, 200, presentPayment(ops.find(decodeParam(key)))),
    },
    {
      method: 'POST',
      path: new RegExp(`^/v1/payments/${KEY}/authorize$`),
      async handle(req, res, [key]) {
        await readJson(req);
        sendJson(res, 200, presentPayment(ops.authorize(decodeParam(key))));
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^/v1/payments/${KEY}/confirm$`),
      async handle(req, res, [key]) {
        const paymentKey = decodeParam(key);
        ops.find(paymentKey);
        const { amount } = await readJson(req);
        if (!Number.isSafeInteger(amount) || (amount as number) <= 0)
          throw Errors.invalidRequest('amount must be a positive integer');
        sendJson(res, 200, presentPayment(await ops.confirm(paymentKey, amount as number)));
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^/v1/payments/${KEY}/cancel$`),
      async handle(req, res, [key]) {
        const paymentKey = decodeParam(key);
        ops.find(paymentKey);
        const { reason } = await readJson(req);
        if (typeof reason !== 'string' || reason.trim() === '' || reason.length > 200)
          throw Errors.invalidRequest('reason must be a string of 1..200 characters');
        sendJson(res, 200, presentPayment(ops.cancel(paymentKey, reason)));
      },
    },
  ];
}

function parseNewPayment(body: Record<string, unknown>): NewPayment {
  const problems: string[] = [];
  const text = (name: string, max: number): string => {
    const v = body[name];
    if (typeof v !== 'string' || v.trim() === '' || v.length > max)
      problems.push(`${name} must be a string of 1..${max} characters`);
    return typeof v === 'string' ? v : '';
  };
  const url = (name: string): string => {
    const v = text(name, 2048);
    if (v !== '' && !isHttpUrl(v)) problems.push(`${name} must be an absolute http(s) URL`);
    return v;
  };
  const input = {
    orderId: text('orderId', 100),
    amount: body.amount as number,
    orderName: text('orderName', 100),
    successUrl: url('successUrl'),
    failUrl: url('failUrl'),
  };
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    problems.push('amount must be a positive integer');
  if (problems.length > 0) throw Errors.invalidRequest(problems.join('; '));
  return input;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
