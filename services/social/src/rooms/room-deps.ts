import { type AssetsRepository, createAssetsRepository } from '../assets/assets.repository.ts';
import type { SocialDeps } from '../social-deps.ts';
import { createGuestbookRepository, type GuestbookRepository } from './guestbook.repository.ts';
import { createRoomsRepository, type RoomsRepository } from './rooms.repository.ts';
import { createVisitsRepository, type VisitsRepository } from './visits.repository.ts';

/** What the mini-homepage flows share: the social flows' dependencies and their repositories. */
export interface RoomDeps extends SocialDeps {
  readonly assets: AssetsRepository;
  readonly rooms: RoomsRepository;
  readonly visits: VisitsRepository;
  readonly guestbook: GuestbookRepository;
}

export function createRoomDeps(deps: SocialDeps): RoomDeps {
  return {
    ...deps,
    assets: createAssetsRepository(deps.db),
    rooms: createRoomsRepository(deps.db),
    visits: createVisitsRepository(deps.db),
    guestbook: createGuestbookRepository(deps.db),
  };
}
