import type { CatalogQuery, ConfirmBody, CreateOrderBody, StoreItem } from '@chat/contracts';
import { Errors, keysetPage, type ObjectStore } from '@chat/platform';
import { type AuthGuards, principalOf } from '@chat/security';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { altSvg } from '../items/alt-svg.ts';
import { toEmoticon, toItem, toItemSummary } from '../items/item.presenter.ts';
import { loadTopUp, pointsHistory, startTopUp } from '../ledger/points.ts';
import { idempotencyKeyOf } from '../orders/idempotency.ts';
import { presentOrders, visibleOrder } from '../orders/order-view.ts';
import { inventoryRepo, ordersRepo } from '../orders/orders.repository.ts';
import { cancelOrder, placeOrder } from '../orders/place-order.ts';
import { refundOrder } from '../orders/refunds.ts';
import { confirmOrderPayment, confirmTopUp } from '../payments/confirm.ts';
import type { StoreDeps } from '../store-deps.ts';
import * as s from './store.schema.ts';

const bodyLimit = 16 * 1024;

export interface StoreRouteDeps extends StoreDeps {
  readonly guards: AuthGuards;
  readonly storage: ObjectStore;
  /** Where the provider sends the buyer back (`STORE_PUBLIC_URL`), else the request's origin. */
  readonly publicUrl: string | undefined;
}

const isAdmin = (req: FastifyRequest) => principalOf(req).role === 'ROLE_ADMIN';

/** The buyer-facing API under /api/store. */
export function registerStoreRoutes(app: FastifyInstance, deps: StoreRouteDeps): void {
  const preHandler = deps.guards.authenticate;
  const me = (req: FastifyRequest) => principalOf(req).userId;
  const origin = (req: FastifyRequest) => {
    if (deps.publicUrl) return deps.publicUrl;
    const o = req.headers.origin;
    return typeof o === 'string' && /^https?:\/\/[^/\s]+$/.test(o) ? o : `${req.protocol}://${req.host}`;
  };

  app.get('/api/store/config', { schema: s.configSchema, preHandler }, async () => ({
    cardPayments: deps.provider !== undefined,
  }));

  app.get<{ Querystring: CatalogQuery }>(
    '/api/store/items',
    { schema: s.catalogSchema, preHandler },
    async (req) => {
      const size = req.query.size ?? 30;
      const rows = await deps.items.page({
        onSaleOnly: true,
        category: req.query.category ?? null,
        search: req.query.q?.trim() || null,
        cursor: req.query.cursor ?? null,
        limit: size + 1,
      });
      const { page, nextCursor } = keysetPage(rows, size);
      const owned = await deps.items.ownedAmong(
        me(req),
        page.map((r) => Number(r.id)),
      );
      return {
        items: page.map((r) => toItemSummary(r, owned.has(Number(r.id)))),
        nextCursor,
      };
    },
  );

  app.get('/api/store/categories', { schema: s.categoriesSchema, preHandler }, async () => ({
    categories: await deps.items.categories(),
  }));

  app.get<{ Params: { id: number } }>(
    '/api/store/items/:id',
    { schema: s.itemSchema, preHandler },
    async (req) => {
      const row = await deps.items.find(req.params.id);
      if (!row || !(row.on_sale || isAdmin(req))) throw Errors.itemNotFound(req.params.id);
      const owned = await deps.items.ownedAmong(me(req), [req.params.id]);
      return toItem(row, owned.has(req.params.id)) satisfies StoreItem;
    },
  );

  app.get<{ Params: { id: number; index: number } }>(
    '/api/store/items/:id/emoticons/:index/image',
    { schema: s.imageSchema },
    async (req, reply) => sendImage(deps, req.params.id, req.params.index, reply),
  );

  app.post<{ Body: CreateOrderBody }>(
    '/api/store/orders',
    { schema: s.placeOrderSchema, preHandler, bodyLimit },
    async (req, reply) => {
      const key = idempotencyKeyOf(req.headers);
      const base = origin(req);
      const placed = await placeOrder(deps, me(req), key, req.body, (id) => `${base}/store/orders/${id}`);
      return reply.code(placed.created ? 201 : 200).send(placed.order);
    },
  );

  app.get<{ Querystring: { cursor?: number; size?: number } }>(
    '/api/store/orders',
    { schema: s.ordersSchema, preHandler },
    async (req) => {
      const size = req.query.size ?? 20;
      const rows = await ordersRepo.pageOf(deps.db, me(req), req.query.cursor ?? null, size + 1);
      const { page, nextCursor } = keysetPage(rows, size);
      return {
        orders: (await presentOrders(deps, deps.db, page)).map((o) =>
          o.buyerId === me(req) ? o : { ...o, payment: null },
        ),
        nextCursor,
      };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/store/orders/:id',
    { schema: s.orderSchema, preHandler },
    async (req) => visibleOrder(deps, { id: me(req), admin: isAdmin(req) }, req.params.id),
  );

  app.post<{ Params: { id: number }; Body: ConfirmBody }>(
    '/api/store/orders/:id/confirm',
    { schema: s.confirmSchema, preHandler, bodyLimit },
    async (req) => confirmOrderPayment(deps, me(req), req.params.id, req.body.paymentKey),
  );

  app.post<{ Params: { id: number } }>(
    '/api/store/orders/:id/cancel',
    { schema: s.cancelSchema, preHandler, bodyLimit },
    async (req) => cancelOrder(deps, me(req), req.params.id),
  );

  app.post<{ Params: { id: number }; Body: { reason?: string } }>(
    '/api/store/orders/:id/refund',
    { schema: s.refundSchema, preHandler, bodyLimit },
    async (req) => refundOrder(deps, { id: me(req), mode: 'buyer' }, req.params.id, req.body?.reason),
  );

  app.post<{ Params: { id: number }; Body: { reason?: string } }>(
    '/api/store/orders/:id/decline',
    { schema: s.declineSchema, preHandler, bodyLimit },
    async (req) => refundOrder(deps, { id: me(req), mode: 'decline' }, req.params.id, req.body?.reason),
  );

  app.get('/api/store/me/emoticons', { schema: s.inventorySchema, preHandler }, async (req) => {
    const rows = await inventoryRepo.ofUser(deps.db, me(req));
    return {
      packs: rows.map((r) => ({
        itemId: Number(r.item_id),
        title: r.title,
        artist: r.artist,
        emoticons: r.emoticons.map((e, i) => toEmoticon(Number(r.item_id), { alt: e.alt, image: null }, i)),
        orderId: Number(r.order_id),
        giftFrom: r.gift_from === null ? null : Number(r.gift_from),
        acquiredAt: r.acquired_at.toISOString(),
        usedAt: r.used_at?.toISOString() ?? null,
      })),
    };
  });

  app.get<{ Querystring: { cursor?: number; size?: number } }>(
    '/api/store/me/points',
    { schema: s.pointsSchema, preHandler },
    async (req) => pointsHistory(deps, me(req), req.query.cursor ?? null, req.query.size ?? 20),
  );

  app.post<{ Body: { amount: number } }>(
    '/api/store/points/top-ups',
    { schema: s.topUpSchema, preHandler, bodyLimit },
    async (req, reply) => {
      const key = idempotencyKeyOf(req.headers);
      const base = origin(req);
      const { topUp, created } = await startTopUp(
        deps,
        me(req),
        key,
        req.body.amount,
        (id) => `${base}/store/points?topUp=${id}`,
      );
      return reply.code(created ? 201 : 200).send(topUp);
    },
  );

  app.post<{ Params: { id: number }; Body: ConfirmBody }>(
    '/api/store/points/top-ups/:id/confirm',
    { schema: s.confirmTopUpSchema, preHandler, bodyLimit },
    async (req) => {
      await confirmTopUp(deps, me(req), req.params.id, req.body.paymentKey);
      return loadTopUp(deps, me(req), req.params.id);
    },
  );
}

async function sendImage(deps: StoreRouteDeps, id: number, index: number, reply: FastifyReply) {
  const row = await deps.items.find(id);
  const emoticon = row?.emoticons[index];
  if (!emoticon) throw Errors.notFound(`Emoticon ${index} of item ${id}`);
  reply
    .header('cache-control', 'public, max-age=300')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  if (!emoticon.image) return reply.type('image/svg+xml').send(altSvg(emoticon.alt));
  const read = await deps.storage.get(emoticon.image.key);
  if (!read) return reply.type('image/svg+xml').send(altSvg(emoticon.alt));
  return reply.type(emoticon.image.contentType).send(read.body);
}
