import {
  type CreateItemBody,
  EMOTICON_IMAGE_MAX,
  EMOTICON_IMAGE_TYPES,
  type UpdateItemBody,
} from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import { principalOf } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import { toEmoticon, toItem, toItemSummary } from '../items/item.presenter.ts';
import { checkLedger } from '../ledger/ledger.ts';
import { grantPoints } from '../ledger/points.ts';
import { idempotencyKeyOf } from '../orders/idempotency.ts';
import { ordersRepo } from '../orders/orders.repository.ts';
import { refundOrder } from '../orders/refunds.ts';
import type { StoreRouteDeps } from './store.routes.ts';
import * as s from './store.schema.ts';

const bodyLimit = 16 * 1024;

/** The shop's administration under /api/store/admin (ROLE_ADMIN on every route). */
export function registerAdminRoutes(app: FastifyInstance, deps: StoreRouteDeps): void {
  const preHandler = deps.guards.requireAdmin;
  const adminId = (req: Parameters<typeof principalOf>[0]) => principalOf(req).userId;

  app.get<{ Querystring: { cursor?: number; size?: number } }>(
    '/api/store/admin/items',
    { schema: s.adminItemsSchema, preHandler },
    async (req) => {
      const size = req.query.size ?? 50;
      const rows = await deps.items.page({
        onSaleOnly: false,
        category: null,
        search: null,
        cursor: req.query.cursor ?? null,
        limit: size + 1,
      });
      const { page, nextCursor } = keysetPage(rows, size);
      return {
        items: page.map((r) => toItemSummary(r, false)),
        nextCursor,
      };
    },
  );

  app.post<{ Body: CreateItemBody }>(
    '/api/store/admin/items',
    { schema: s.createItemSchema, preHandler, bodyLimit },
    async (req, reply) => {
      const body = { ...req.body, ...instants(req.body) };
      checkSalePeriod(body.saleStartsAt ?? null, body.saleEndsAt ?? null);
      const row = await deps.items.insert(body, adminId(req));
      return reply.code(201).send(toItem(row, false));
    },
  );

  app.patch<{ Params: { id: number }; Body: UpdateItemBody }>(
    '/api/store/admin/items/:id',
    { schema: s.updateItemSchema, preHandler, bodyLimit },
    async (req) => {
      const before = await deps.items.find(req.params.id);
      if (!before) throw Errors.itemNotFound(req.params.id);
      const body = { ...req.body, ...instants(req.body) };
      const starts =
        body.saleStartsAt !== undefined ? body.saleStartsAt : before.sale_starts_at?.toISOString();
      const ends = body.saleEndsAt !== undefined ? body.saleEndsAt : before.sale_ends_at?.toISOString();
      checkSalePeriod(starts ?? null, ends ?? null);
      const row = await deps.items.update(req.params.id, body);
      return toItem(row!, false);
    },
  );

  // The image's bytes as the body: parsed as a buffer in this scope only.
  app.register(async (scope) => {
    for (const type of EMOTICON_IMAGE_TYPES) {
      scope.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: EMOTICON_IMAGE_MAX },
        (_req, body, done) => done(null, body),
      );
    }
    scope.put<{ Params: { id: number; index: number }; Body: Buffer }>(
      '/api/store/admin/items/:id/emoticons/:index/image',
      { schema: s.uploadImageSchema, preHandler, bodyLimit: EMOTICON_IMAGE_MAX },
      async (req) => {
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim();
        if (!(EMOTICON_IMAGE_TYPES as readonly string[]).includes(type) || !Buffer.isBuffer(req.body)) {
          throw Errors.badRequest(
            `Send the image as the body, Content-Type one of ${EMOTICON_IMAGE_TYPES.join(', ')}`,
          );
        }
        if (req.body.length === 0) throw Errors.badRequest('The image is empty');
        const { id, index } = req.params;
        const key = `store/items/${id}/${index}-${Date.now().toString(36)}`;
        const item = await deps.items.find(id);
        if (!item) throw Errors.itemNotFound(id);
        if (!item.emoticons[index]) throw Errors.notFound(`Emoticon ${index} of item ${id}`);
        await deps.storage.put(key, req.body, req.body.length);
        const emoticons = await deps.db.transaction(async (tx) => {
          const locked = (await deps.items.findForUpdate(tx, id))!;
          const next = locked.emoticons.map((e, i) =>
            i === index ? { ...e, image: { key, contentType: type } } : e,
          );
          await deps.items.setEmoticons(tx, id, next);
          return next;
        });
        return toEmoticon(id, emoticons[index]!, index);
      },
    );
  });

  app.post<{ Body: { userId: number; amount: number; reason: string } }>(
    '/api/store/admin/points/grants',
    { schema: s.grantSchema, preHandler, bodyLimit },
    async (req, reply) => {
      const key = idempotencyKeyOf(req.headers);
      return reply.code(201).send(await grantPoints(deps, adminId(req), key, req.body));
    },
  );

  app.post<{ Params: { id: number }; Body: { reason?: string } }>(
    '/api/store/admin/orders/:id/refund',
    { schema: s.adminRefundSchema, preHandler, bodyLimit },
    async (req) => refundOrder(deps, { id: adminId(req), mode: 'admin' }, req.params.id, req.body?.reason),
  );

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/api/store/admin/sales',
    { schema: s.salesSchema, preHandler },
    async (req) => {
      const { from, to } = req.query;
      for (const [name, day] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (day !== undefined) instant(`${day}T00:00:00Z`, `querystring.${name}`);
      }
      if (from && to && from >= to) throw Errors.badRequest('querystring.from must be before querystring.to');
      const rows = await ordersRepo.sales(deps.db, from ?? null, to ?? null);
      return {
        items: rows.map((r) => ({
          itemId: Number(r.item_id),
          title: r.title,
          orders: r.orders,
          gifts: r.gifts,
          refunds: r.refunds,
          revenue: Number(r.revenue),
        })),
      };
    },
  );

  app.get('/api/store/admin/ledger/check', { schema: s.ledgerCheckSchema, preHandler }, async () =>
    checkLedger(deps.db),
  );
}

/**
 * An instant as PostgreSQL takes it: ISO in UTC, years 1970..9999 (JSON Schema's date-time
 * also allows offsets beyond ±15:59 and the year 0, which the database refuses).
 */
function instant(value: string, field: string): string {
  const at = new Date(value);
  const year = at.getUTCFullYear();
  if (Number.isNaN(at.getTime()) || year < 1970 || year > 9999) {
    throw Errors.badRequest(`${field} must be a time between the years 1970 and 9999`);
  }
  return at.toISOString();
}

function instants(body: { saleStartsAt?: string | null; saleEndsAt?: string | null }) {
  const out: { saleStartsAt?: string | null; saleEndsAt?: string | null } = {};
  if (body.saleStartsAt) out.saleStartsAt = instant(body.saleStartsAt, 'body.saleStartsAt');
  if (body.saleEndsAt) out.saleEndsAt = instant(body.saleEndsAt, 'body.saleEndsAt');
  return out;
}

function checkSalePeriod(starts: string | null, ends: string | null): void {
  if (starts && ends && Date.parse(starts) >= Date.parse(ends)) {
    throw Errors.badRequest('body.saleStartsAt must be before body.saleEndsAt');
  }
}
