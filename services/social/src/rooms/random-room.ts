import { type MiniRoom, ROOM_ACTIVE_DAYS } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { viewRoom } from './room.service.ts';
import type { RoomDeps } from './room-deps.ts';
import type { RandomScope } from './rooms.repository.ts';

/** Picks whose owner account is gone are skipped; after this many, none is found. */
const ATTEMPTS = 3;

/**
 * "Wave riding": a random room active in the last ROOM_ACTIVE_DAYS days (changed or visited), of
 * a public account, not mine; `fof` among users followed by people I follow whom I do not
 * follow yet. The room is entered like any other (the visit counts). 404 when there is none.
 */
export async function randomRoom(deps: RoomDeps, me: number, scope: RandomScope): Promise<MiniRoom> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const ownerId = await deps.rooms.random(scope, me, ROOM_ACTIVE_DAYS, Math.random());
    if (ownerId === null) break;
    if ((await deps.users.getPublicProfiles([ownerId])).length === 0) continue;
    return viewRoom(deps, me, ownerId);
  }
  throw Errors.noRoomToVisit(scope);
}
