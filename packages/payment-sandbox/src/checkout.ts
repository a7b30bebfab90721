// The card holder's side: a checkout page with Pay and Decline buttons (no auth: the browser
// opens it), answering 303 to the merchant's successUrl or failUrl.
import { SandboxError } from './errors.ts';
import { readBody, redirect, sendHtml, withQuery } from './http.ts';
import type { Operations } from './operations.ts';
import type { PaymentRecord } from './payments.ts';
import { decodeParam, type Route } from './routes.ts';

const DECLINE_MESSAGE = '사용자가 결제를 거절했습니다 (declined by the card holder)';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export function checkoutRoutes(ops: Operations): Route[] {
  const page = (res: Parameters<Route['handle']>[1], status: number, body: string): void =>
    sendHtml(res, status, layout(body));
  const failed = (res: Parameters<Route['handle']>[1], err: unknown): void => {
    if (!(err instanceof SandboxError)) throw err;
    page(res, err.status, `<h1>결제 오류 / Payment error</h1><p id="error">${escapeHtml(err.message)}</p>`);
  };
  return [
    {
      method: 'GET',
      path: /^\/checkout\/([^/]+)$/,
      handle(_req, res, [key]) {
        try {
          page(res, 200, checkoutBody(ops.find(decodeParam(key))));
        } catch (err) {
          failed(res, err);
        }
      },
    },
    {
      method: 'POST',
      path: /^\/checkout\/([^/]+)\/pay$/,
      async handle(req, res, [key]) {
        await readBody(req);
        try {
          const p = ops.authorize(decodeParam(key));
          const params = { paymentKey: p.paymentKey, orderId: p.orderId, amount: String(p.amount) };
          redirect(res, withQuery(p.successUrl, params));
        } catch (err) {
          failed(res, err);
        }
      },
    },
    {
      method: 'POST',
      path: /^\/checkout\/([^/]+)\/decline$/,
      async handle(req, res, [key]) {
        await readBody(req);
        try {
          const p = ops.decline(decodeParam(key));
          const params = { paymentKey: p.paymentKey, code: 'USER_DECLINED', message: DECLINE_MESSAGE };
          redirect(res, withQuery(p.failUrl, params));
        } catch (err) {
          failed(res, err);
        }
      },
    },
  ];
}

function checkoutBody(p: PaymentRecord): string {
  const key = escapeHtml(encodeURIComponent(p.paymentKey));
  const amount = `${p.amount.toLocaleString('en-US')} 원 (KRW)`;
  const actions =
    p.status === 'READY'
      ? `<form method="post" action="/checkout/${key}/pay"><button id="pay" type="submit">결제 / Pay</button></form>
<form method="post" action="/checkout/${key}/decline"><button id="decline" type="submit">거절 / Decline</button></form>`
      : `<p id="status">이미 처리된 결제입니다 / Already processed: ${escapeHtml(p.status)}</p>`;
  return `<h1>샌드박스 결제 / Sandbox payment</h1>
<p class="note">테스트용 가상 결제입니다. 실제로 청구되지 않습니다. / A sandbox: no card is charged.</p>
<dl>
<dt>주문 / Order</dt><dd id="order-name">${escapeHtml(p.orderName)}</dd>
<dt>금액 / Amount</dt><dd id="amount">${escapeHtml(amount)}</dd>
</dl>
<div class="actions">${actions}</div>`;
}

function layout(body: string): string {
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>샌드박스 결제 / Sandbox payment</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
.note{color:#666;font-size:.9rem}dt{color:#666}dd{margin:0 0 .75rem;font-size:1.2rem}
.actions{display:flex;gap:.75rem}button{font-size:1rem;padding:.6rem 1.4rem;cursor:pointer}
#pay{background:#0064ff;color:#fff;border:0;border-radius:6px}#decline{border-radius:6px}</style>
</head><body>
${body}
</body></html>
`;
}
