import type { MetaAssetRef, UserAvatar } from '@chat/contracts';
import { Errors, type SqlExecutor } from '@chat/platform';
import { type AssetsRepository, createAssetsRepository } from '../assets/assets.repository.ts';
import { maySeeAccount } from '../follows/follows.repository.ts';
import type { SocialDeps } from '../social-deps.ts';
import { toAvatarItems } from './avatar.presenter.ts';
import { type AvatarsRepository, createAvatarsRepository, type ItemToWear } from './avatars.repository.ts';

/** What the avatar flows share: the social flows' dependencies and their repositories. */
export interface AvatarDeps extends SocialDeps {
  readonly assets: AssetsRepository;
  readonly avatars: AvatarsRepository;
}

export function createAvatarDeps(deps: SocialDeps): AvatarDeps {
  return { ...deps, assets: createAssetsRepository(deps.db), avatars: createAvatarsRepository(deps.db) };
}

/**
 * What `userId` wears, in drawing order, for a page that has already decided the caller may
 * see the account (the profile, the room).
 */
export async function wornItems(db: SqlExecutor, userId: number): Promise<MetaAssetRef[]> {
  return toAvatarItems(await createAvatarsRepository(db).worn(userId));
}

/**
 * `ownerId`'s avatar as `viewerId` sees it: 404 for an unknown user, 403 for a private
 * account's to anyone but its approved followers (and its owner), as the account's lists.
 */
export async function avatarOf(deps: AvatarDeps, viewerId: number, ownerId: number): Promise<UserAvatar> {
  const [user, rel] = await Promise.all([
    deps.users.getUser(ownerId),
    deps.follows.relation(viewerId, ownerId),
  ]);
  if (!user) throw Errors.userNotFound(ownerId);
  if (!maySeeAccount(viewerId, ownerId, rel)) throw Errors.privateAccount(ownerId);
  return { items: toAvatarItems(await deps.avatars.worn(ownerId)) };
}

/**
 * The items to put on, in order, checked in the transaction that puts them on: each asset must
 * exist (404), be an AVATAR (400), be owned by `me` (409, as room decorations) and be the only
 * one of its category (400).
 */
async function checkItems(
  deps: AvatarDeps,
  tx: SqlExecutor,
  me: number,
  assetIds: readonly number[],
): Promise<ItemToWear[]> {
  const [assets, owned] = await Promise.all([
    deps.assets.findMany(assetIds, tx),
    deps.assets.ownedAmong(me, assetIds, tx),
  ]);
  const categories = new Set<string>();
  return assetIds.map((assetId, i) => {
    const field = `body.assetIds[${i}]`;
    const asset = assets.get(assetId);
    if (!asset) throw Errors.assetNotFound(assetId);
    if (asset.kind !== 'AVATAR') throw Errors.notAnAvatarItem(field, assetId);
    if (!owned.has(assetId)) throw Errors.assetNotOwned(field, assetId);
    if (categories.has(asset.category)) throw Errors.avatarCategoryTwice(field, assetId, asset.category);
    categories.add(asset.category);
    return { assetId, category: asset.category };
  });
}

/**
 * Replaces everything `me` wears with `assetIds`, in that drawing order (an empty list takes
 * everything off), all or nothing; concurrent changes of one avatar take turns.
 */
export async function wearItems(
  deps: AvatarDeps,
  me: number,
  assetIds: readonly number[],
): Promise<UserAvatar> {
  await deps.db.transaction(async (tx) => {
    await deps.avatars.lock(tx, me);
    const items = await checkItems(deps, tx, me, assetIds);
    await deps.avatars.replace(tx, me, items);
  });
  return { items: toAvatarItems(await deps.avatars.worn(me)) };
}
