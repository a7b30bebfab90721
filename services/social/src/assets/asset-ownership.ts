import type { MetaAssetGrant } from '@chat/contracts';
import { Errors, type SqlExecutor } from '@chat/platform';
import type { SocialDeps } from '../social-deps.ts';
import type { Acquisition, AssetsRepository } from './assets.repository.ts';

export interface AssetDeps extends SocialDeps {
  readonly assets: AssetsRepository;
}

/**
 * The one way an asset reaches its owner, in the caller's transaction; false when they already
 * own it. Today only administrators' grants call it (source GRANT). Purchases plug in here:
 * the store's fulfilment (an event consumer of store.events) calls it with source PURCHASE and
 * the order id as `ref`, in the transaction that marks the event consumed, so that a redelivered
 * event gives nothing twice.
 */
export async function acquireAsset(
  deps: AssetDeps,
  tx: SqlExecutor,
  userId: number,
  assetId: number,
  how: Acquisition,
): Promise<{ source: Acquisition['source']; acquiredAt: Date } | null> {
  return deps.assets.acquire(tx, userId, assetId, how);
}

/** An administrator gives an active asset to a user: 404 unknown asset or user, 409 owned or withdrawn. */
export async function grantAsset(
  deps: AssetDeps,
  adminId: number,
  assetId: number,
  userId: number,
): Promise<MetaAssetGrant> {
  const asset = await deps.assets.find(assetId);
  if (!asset) throw Errors.assetNotFound(assetId);
  if (!asset.active) throw Errors.assetWithdrawn(assetId);
  if (!(await deps.users.getUser(userId))) throw Errors.userNotFound(userId);
  const acquired = await deps.db.transaction((tx) =>
    acquireAsset(deps, tx, userId, assetId, { source: 'GRANT', grantedBy: adminId }),
  );
  if (!acquired) throw Errors.assetAlreadyOwned(userId, assetId);
  return { userId, assetId, source: acquired.source, acquiredAt: acquired.acquiredAt.toISOString() };
}
