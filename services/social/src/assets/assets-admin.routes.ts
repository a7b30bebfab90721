import {
  type CreateMetaAssetBody,
  type GrantMetaAssetBody,
  META_ASSET_IMAGE_MAX,
  META_ASSET_IMAGE_TYPES,
  type MetaAssetQuery,
  type UpdateMetaAssetBody,
} from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import type { SocialRouteDeps } from '../api/route-deps.ts';
import { toAsset } from './asset.presenter.ts';
import { imageTypeOf, uploadAssetImage } from './asset-image.ts';
import { grantAsset } from './asset-ownership.ts';
import type { AssetsRepository } from './assets.repository.ts';
import * as s from './assets.schema.ts';

const bodyLimit = 16 * 1024;
type AssetParams = { Params: { assetId: number } };

/** The assets' administration under /api/social/admin (ROLE_ADMIN on every route). */
export function registerAssetAdminRoutes(
  app: FastifyInstance,
  deps: SocialRouteDeps & { readonly assets: AssetsRepository },
): void {
  const preHandler = deps.guards.requireAdmin;
  const writes = [preHandler, deps.writeLimit];
  const adminId = deps.userIdOf;

  app.get<{ Querystring: MetaAssetQuery }>(
    '/api/social/admin/assets',
    { schema: s.adminListSchema, preHandler },
    async (req) => {
      const size = req.query.size ?? 50;
      const rows = await deps.assets.page({
        activeOnly: false,
        kind: req.query.kind ?? null,
        category: req.query.category ?? null,
        cursor: req.query.cursor ?? null,
        limit: size + 1,
      });
      const { page, nextCursor } = keysetPage(rows, size);
      const owned = await deps.assets.ownedAmong(
        adminId(req),
        page.map((r) => r.id),
      );
      return { assets: page.map((r) => toAsset(r, owned.has(r.id))), nextCursor };
    },
  );

  app.post<{ Body: CreateMetaAssetBody }>(
    '/api/social/admin/assets',
    { schema: s.createSchema, preHandler: writes, bodyLimit },
    async (req, reply) => {
      const row = await deps.assets.insert(req.body, adminId(req));
      return reply.code(201).send(toAsset(row, false));
    },
  );

  app.patch<AssetParams & { Body: UpdateMetaAssetBody }>(
    '/api/social/admin/assets/:assetId',
    { schema: s.updateSchema, preHandler: writes, bodyLimit },
    async (req) => {
      const { assetId } = req.params;
      const row = await deps.assets.update(assetId, req.body);
      if (!row) throw Errors.assetNotFound(assetId);
      const owned = await deps.assets.ownedAmong(adminId(req), [assetId]);
      return toAsset(row, owned.has(assetId));
    },
  );

  app.post<AssetParams & { Body: GrantMetaAssetBody }>(
    '/api/social/admin/assets/:assetId/grants',
    { schema: s.grantSchema, preHandler: writes, bodyLimit },
    async (req, reply) => {
      const grant = await grantAsset(deps, adminId(req), req.params.assetId, req.body.userId);
      return reply.code(201).send(grant);
    },
  );

  // The image's bytes as the body: parsed as a buffer in this scope only.
  app.register(async (scope) => {
    for (const type of META_ASSET_IMAGE_TYPES) {
      scope.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: META_ASSET_IMAGE_MAX },
        (_req, body, done) => done(null, body),
      );
    }
    scope.put<AssetParams & { Body: Buffer }>(
      '/api/social/admin/assets/:assetId/image',
      { schema: s.uploadImageSchema, preHandler: writes, bodyLimit: META_ASSET_IMAGE_MAX },
      async (req) => {
        const { assetId } = req.params;
        const type = imageTypeOf(req.headers['content-type'], req.body);
        await uploadAssetImage(deps, assetId, type, req.body);
        const row = (await deps.assets.find(assetId))!;
        const owned = await deps.assets.ownedAmong(adminId(req), [assetId]);
        return toAsset(row, owned.has(assetId));
      },
    );
  });
}
