import { type Static, Type } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum } from '../common.ts';
import { NAME_PATTERN } from '../text.ts';
import { MetaAssetRef } from './assets.ts';
import { SocialUser } from './follows.ts';

// Mini-homepages (docs/services/social.md): every user has one room, made on first use with
// defaults. Its owner sets a title, a theme, a background and an intro, and places owned
// decorations on a ROOM_WIDTH x ROOM_HEIGHT canvas. Whoever may see the owner's account may
// see the room (a private account's: approved followers only) and write in its guestbook; a
// visit counts once per visitor and day (Asia/Seoul), never the owner's own.

/** The room's canvas: decorations sit at 0..ROOM_WIDTH x 0..ROOM_HEIGHT (their anchor point). */
export const ROOM_WIDTH = 1000;
export const ROOM_HEIGHT = 600;
/** Decorations placed at once, at most. */
export const ROOM_DECORATIONS_MAX = 30;
/** Stacking order: higher is drawn above; equal ones in list order. */
export const ROOM_Z_MAX = 999;
export const ROOM_TITLE_MAX = 40;
export const ROOM_INTRO_MAX = 500;
export const GUESTBOOK_TEXT_MAX = 300;
/** Guestbook entries one author may write per minute (429 with Retry-After beyond). */
export const GUESTBOOK_ENTRIES_PER_MIN = 5;
/** A room updated or visited (counted) within these days is active: random visits pick among them. */
export const ROOM_ACTIVE_DAYS = 30;
/** The day visits are counted in. */
export const ROOM_VISIT_TIME_ZONE = 'Asia/Seoul';

export const MINI_ROOM_THEMES = ['CLASSIC', 'SKY', 'FOREST', 'NIGHT', 'PINK'] as const;
export const MiniRoomTheme = StringEnum(MINI_ROOM_THEMES);
export type MiniRoomTheme = (typeof MINI_ROOM_THEMES)[number];

/** `#rrggbb`. */
export const HEX_COLOR_PATTERN = '^#[0-9A-Fa-f]{6}$';
const HexColor = Type.String({ pattern: HEX_COLOR_PATTERN, description: '#rrggbb' });

/** Text on several lines: no control characters but line breaks (CR LF and CR become LF). */
const MULTILINE_PATTERN = '^[^\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$';

export const PlacedDecoration = Type.Object({
  asset: MetaAssetRef,
  x: Type.Integer({ minimum: 0, maximum: ROOM_WIDTH }),
  y: Type.Integer({ minimum: 0, maximum: ROOM_HEIGHT }),
  z: Type.Integer({ minimum: 0, maximum: ROOM_Z_MAX }),
});
export type PlacedDecoration = Static<typeof PlacedDecoration>;

/** The background: a colour, or an owned DECORATION asset; exactly one is set. */
export const MiniRoomBackground = Type.Object({
  color: Nullable(Type.String()),
  asset: Nullable(MetaAssetRef),
});
export type MiniRoomBackground = Static<typeof MiniRoomBackground>;

/** The room's owner, with the avatar items they wear (in drawing order). */
export const MiniRoomOwner = Type.Composite([SocialUser, Type.Object({ avatar: Type.Array(MetaAssetRef) })]);
export type MiniRoomOwner = Static<typeof MiniRoomOwner>;

/** `GET /api/social/users/{userId}/room`, `GET /api/social/me/room`. */
export const MiniRoom = Type.Object({
  owner: MiniRoomOwner,
  /** The owner's nickname until they set one. */
  title: Type.String(),
  theme: MiniRoomTheme,
  background: MiniRoomBackground,
  intro: Type.String(),
  /** In stacking order (z, then placement order): draw them in this order. */
  decorations: Type.Array(PlacedDecoration),
  /** Counted visitors: today (Asia/Seoul) and ever. */
  visitors: Type.Object({ today: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) }),
  /** Whether the caller owns the room. */
  mine: Type.Boolean(),
  updatedAt: DateTime,
});
export type MiniRoom = Static<typeof MiniRoom>;

/** `PATCH /api/social/me/room`: any of the fields. */
export const UpdateMiniRoomBody = Type.Object(
  {
    /** null: back to the owner's nickname. */
    title: Type.Optional(
      Nullable(Type.String({ minLength: 1, maxLength: ROOM_TITLE_MAX, pattern: NAME_PATTERN })),
    ),
    theme: Type.Optional(MiniRoomTheme),
    /** Exactly one of `color` and `assetId` (an owned DECORATION). */
    background: Type.Optional(
      Type.Object(
        { color: Type.Optional(HexColor), assetId: Type.Optional(Id) },
        { additionalProperties: false },
      ),
    ),
    intro: Type.Optional(Type.String({ maxLength: ROOM_INTRO_MAX, pattern: MULTILINE_PATTERN })),
  },
  { additionalProperties: false },
);
export type UpdateMiniRoomBody = Static<typeof UpdateMiniRoomBody>;

/** One decoration to place: an owned DECORATION asset, each at most once, inside the canvas. */
export const DecorationPlacement = Type.Object(
  {
    assetId: Id,
    x: Type.Integer({ minimum: 0, maximum: ROOM_WIDTH }),
    y: Type.Integer({ minimum: 0, maximum: ROOM_HEIGHT }),
    z: Type.Optional(Type.Integer({ minimum: 0, maximum: ROOM_Z_MAX, default: 0 })),
  },
  { additionalProperties: false },
);
export type DecorationPlacement = Static<typeof DecorationPlacement>;

/** `PUT /api/social/me/room/decorations`: the room's whole set of decorations (replaced). */
export const PlaceDecorationsBody = Type.Object(
  { decorations: Type.Array(DecorationPlacement, { maxItems: ROOM_DECORATIONS_MAX }) },
  { additionalProperties: false },
);
export type PlaceDecorationsBody = Static<typeof PlaceDecorationsBody>;

/** `GET /api/social/me/room/visitors`: counted visits to my room, newest first (owner only). */
export const RoomVisitorPage = Type.Object({
  visitors: Type.Array(
    Type.Object({
      user: SocialUser,
      /** The visit's day in Asia/Seoul, `YYYY-MM-DD`; one visit per visitor and day. */
      day: Type.String(),
      /** The day's first visit. */
      visitedAt: DateTime,
    }),
  ),
  nextCursor: Nullable(Id),
});
export type RoomVisitorPage = Static<typeof RoomVisitorPage>;

/** `GET /api/social/rooms/random?scope=all|fof`: fof, among users followed by those I follow. */
export const RANDOM_ROOM_SCOPES = ['all', 'fof'] as const;
export const RandomRoomQuery = Type.Object({
  scope: Type.Optional(StringEnum(RANDOM_ROOM_SCOPES, { description: 'all (default) or fof' })),
});
export type RandomRoomQuery = Static<typeof RandomRoomQuery>;

/**
 * A guestbook entry. An entry the owner hides is seen by the owner and its author only (marked
 * `hidden`); everyone else no longer sees it.
 */
export const GuestbookEntry = Type.Object({
  id: Id,
  ownerId: Id,
  author: SocialUser,
  text: Type.String(),
  hidden: Type.Boolean(),
  createdAt: DateTime,
});
export type GuestbookEntry = Static<typeof GuestbookEntry>;

/** `GET /api/social/users/{userId}/guestbook?cursor=&size=`: newest first. */
export const GuestbookPage = Type.Object({
  entries: Type.Array(GuestbookEntry),
  nextCursor: Nullable(Id),
});
export type GuestbookPage = Static<typeof GuestbookPage>;

/** `POST /api/social/users/{userId}/guestbook`. */
export const NewGuestbookEntryBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: GUESTBOOK_TEXT_MAX, pattern: MULTILINE_PATTERN }) },
  { additionalProperties: false },
);
export type NewGuestbookEntryBody = Static<typeof NewGuestbookEntryBody>;

/** `PATCH /api/social/me/guestbook/{entryId}` (the room's owner): hide or show again. */
export const GuestbookEntryPatch = Type.Object({ hidden: Type.Boolean() }, { additionalProperties: false });
export type GuestbookEntryPatch = Static<typeof GuestbookEntryPatch>;

export const GuestbookEntryParams = Type.Object({ entryId: Id });
export type GuestbookEntryParams = Static<typeof GuestbookEntryParams>;
