import { type Static, Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../common.ts';
import { SocialUser } from './follows.ts';

// Rankings and recommendations (docs/services/social.md, "Rankings and recommendations").
// Public rankings hold only PUBLIC posts and rooms of public accounts; recommendations hold
// only what the caller may see. Posts come as `PostPage` (posts.ts).

/** `?cursor=&size=` of the popular posts: `cursor` is a rank (the previous page's `nextCursor`). */
export const RankingPageQuery = Type.Object({
  cursor: Type.Optional(Type.Integer({ minimum: 0 })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export type RankingPageQuery = Static<typeof RankingPageQuery>;

/** Counted visits of today (Asia/Seoul) or of the last 7 days, today included. */
export const RANKING_PERIODS = ['DAY', 'WEEK'] as const;
export const RankingPeriod = StringEnum(RANKING_PERIODS);
export type RankingPeriod = (typeof RANKING_PERIODS)[number];

export const PopularRoomsQuery = Type.Object({
  period: Type.Optional(RankingPeriod),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export type PopularRoomsQuery = Static<typeof PopularRoomsQuery>;

export const PopularRoom = Type.Object({
  owner: SocialUser,
  /** The room's title, or null (then the owner's nickname shows). */
  title: Nullable(Type.String()),
  /** Counted visits in the period (one per visitor and day). */
  visits: Type.Integer({ minimum: 1 }),
});
export type PopularRoom = Static<typeof PopularRoom>;

export const PopularRooms = Type.Object({ rooms: Type.Array(PopularRoom) });
export type PopularRooms = Static<typeof PopularRooms>;

/** `?size=` of a list of recommendations (the best first, no paging). */
export const RecommendationQuery = Type.Object({
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export type RecommendationQuery = Static<typeof RecommendationQuery>;

export const SuggestedPerson = Type.Object({
  user: SocialUser,
  /** People I follow who follow them. */
  mutualCount: Type.Integer({ minimum: 0 }),
  /** Tags of my recent posts that they used lately in public posts. */
  sharedTags: Type.Array(Type.String()),
});
export type SuggestedPerson = Static<typeof SuggestedPerson>;

export const PeopleSuggestions = Type.Object({ people: Type.Array(SuggestedPerson) });
export type PeopleSuggestions = Static<typeof PeopleSuggestions>;
