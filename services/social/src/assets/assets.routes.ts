import type { MetaAsset, MetaAssetQuery, OwnedMetaAssetQuery } from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import { principalOf } from '@chat/security';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import { toAsset, toOwnedAsset } from './asset.presenter.ts';
import { sendAssetImage } from './asset-image.ts';
import { createAssetsRepository } from './assets.repository.ts';
import * as s from './assets.schema.ts';
import { registerAssetAdminRoutes } from './assets-admin.routes.ts';

type AssetParams = { Params: { assetId: number } };
const isAdmin = (req: FastifyRequest) => principalOf(req).role === 'ROLE_ADMIN';

/** Meta assets (avatar items, room decorations): catalog, admin, grants, images. */
export function registerAssetRoutes(app: FastifyInstance, routeDeps: SocialRouteDeps): void {
  const deps = { ...routeDeps, assets: createAssetsRepository(routeDeps.db) };
  const { authenticate: preHandler } = deps.guards;
  const me = deps.userIdOf;

  app.get<{ Querystring: MetaAssetQuery }>(
    '/api/social/assets',
    { schema: s.catalogSchema, preHandler },
    async (req) => {
      const size = req.query.size ?? 30;
      const rows = await deps.assets.page({
        activeOnly: true,
        kind: req.query.kind ?? null,
        category: req.query.category ?? null,
        cursor: req.query.cursor ?? null,
        limit: size + 1,
      });
      const { page, nextCursor } = keysetPage(rows, size);
      const owned = await deps.assets.ownedAmong(
        me(req),
        page.map((r) => r.id),
      );
      return { assets: page.map((r) => toAsset(r, owned.has(r.id))), nextCursor };
    },
  );

  app.get('/api/social/assets/categories', { schema: s.categoriesSchema, preHandler }, async () => ({
    categories: await deps.assets.categories(),
  }));

  app.get<AssetParams>('/api/social/assets/:assetId', { schema: s.assetSchema, preHandler }, async (req) => {
    const { assetId } = req.params;
    const row = await deps.assets.find(assetId);
    const owned = row ? (await deps.assets.ownedAmong(me(req), [assetId])).has(assetId) : false;
    if (!row || !(row.active || owned || isAdmin(req))) throw Errors.assetNotFound(assetId);
    return toAsset(row, owned) satisfies MetaAsset;
  });

  app.get<AssetParams>('/api/social/assets/:assetId/image', { schema: s.imageSchema }, (req, reply) =>
    sendAssetImage(deps, req.params.assetId, reply),
  );

  app.get<{ Querystring: OwnedMetaAssetQuery }>(
    '/api/social/me/assets',
    { schema: s.ownedSchema, preHandler },
    async (req) => {
      const size = req.query.size ?? 30;
      const rows = await deps.assets.ownedPage({
        userId: me(req),
        kind: req.query.kind ?? null,
        cursor: req.query.cursor ?? null,
        limit: size + 1,
      });
      const { page, nextCursor } = keysetPage(
        rows.map((row) => ({ id: row.owned_id, row })),
        size,
      );
      return { assets: page.map((p) => toOwnedAsset(p.row)), nextCursor };
    },
  );

  registerAssetAdminRoutes(app, deps);
}
