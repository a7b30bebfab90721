import type { MiniRoom, SocialUser } from '@chat/contracts';
import { wornItems } from '../avatars/avatar.service.ts';
import { userOrPlaceholder } from '../users/social-users.ts';
import { toMiniRoom } from './room.presenter.ts';
import { enterRoom } from './room-access.ts';
import type { RoomDeps } from './room-deps.ts';
import { recordVisit } from './visit.service.ts';

/** The room of `owner` (made with its defaults when it has none yet) as `viewerId` sees it. */
export async function loadRoom(deps: RoomDeps, owner: SocialUser, viewerId: number): Promise<MiniRoom> {
  await deps.rooms.ensure(owner.id);
  const row = (await deps.rooms.find(owner.id))!;
  const [decorations, background, avatar] = await Promise.all([
    deps.rooms.decorations(owner.id),
    row.background_asset_id === null ? undefined : deps.assets.find(row.background_asset_id),
    wornItems(deps.db, owner.id),
  ]);
  return toMiniRoom(row, decorations, background, { ...owner, avatar }, viewerId);
}

/**
 * `ownerId`'s room as `viewerId` sees it, counting the visit (someone else's room, first visit
 * of the day). 404 unknown user, 403 a private account's room to a non-follower (not counted).
 */
export async function viewRoom(deps: RoomDeps, viewerId: number, ownerId: number): Promise<MiniRoom> {
  const owner = await enterRoom(deps, viewerId, ownerId);
  await deps.rooms.ensure(ownerId);
  await recordVisit(deps, ownerId, viewerId);
  return loadRoom(deps, owner, viewerId);
}

/** My own room (never a visit). */
export async function myRoom(deps: RoomDeps, me: number): Promise<MiniRoom> {
  const profiles = await deps.users.getPublicProfiles([me]);
  return loadRoom(deps, userOrPlaceholder(profiles, me), me);
}
