// The mini-homepage routes (`/api/social/**`, docs/services/social.md "Mini-homepages") as typed
// calls over the app's HTTP client: bearer token, refresh and the contract's errors come from it.
import type {
  GuestbookEntry,
  GuestbookPage,
  MiniRoom,
  OwnedMetaAssetPage,
  PlaceDecorationsBody,
  RoomVisitorPage,
  UpdateMiniRoomBody,
} from '@chat/contracts';
import type { Api } from '../../../lib/http.ts';
import { guestbookPath } from '../state/guestbook.ts';

export function roomApi(api: Api) {
  return {
    /** Someone's room (a visit, counted once a day) or mine. */
    room: (target: number | 'me') =>
      api.request<MiniRoom>(
        'GET',
        target === 'me' ? '/api/social/me/room' : `/api/social/users/${target}/room`,
      ),
    random: (scope: 'all' | 'fof') => api.request<MiniRoom>('GET', `/api/social/rooms/random?scope=${scope}`),

    update: (body: UpdateMiniRoomBody) => api.request<MiniRoom>('PATCH', '/api/social/me/room', body),
    placeDecorations: (body: PlaceDecorationsBody) =>
      api.request<MiniRoom>('PUT', '/api/social/me/room/decorations', body),
    decorations: (cursor?: number | null) =>
      api.request<OwnedMetaAssetPage>(
        'GET',
        `/api/social/me/assets?kind=DECORATION&size=100${cursor ? `&cursor=${cursor}` : ''}`,
      ),
    visitors: (cursor?: number | null) =>
      api.request<RoomVisitorPage>(
        'GET',
        `/api/social/me/room/visitors?size=20${cursor ? `&cursor=${cursor}` : ''}`,
      ),

    guestbook: (owner: number, cursor?: number | null) =>
      api.request<GuestbookPage>('GET', guestbookPath(owner, cursor)),
    /** 429 answered at once: the entry budget is per minute, the writer is told. */
    write: (owner: number, text: string) =>
      api.request<GuestbookEntry>('POST', `/api/social/users/${owner}/guestbook`, { text }, { noWait: true }),
    setHidden: (entryId: number, hidden: boolean) =>
      api.request<GuestbookEntry>('PATCH', `/api/social/me/guestbook/${entryId}`, { hidden }),
    deleteEntry: (entryId: number) => api.request<void>('DELETE', `/api/social/guestbook/${entryId}`),
  };
}

export type RoomApi = ReturnType<typeof roomApi>;
