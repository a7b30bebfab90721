import { type Static, Type } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum } from '../common.ts';
import { MetaAssetRef } from './assets.ts';

// Follows (docs/services/social.md): public accounts are followed at once, private ones by an
// accepted request; followers and following lists are seen by whoever may see the account.

/** A user as the social pages show them (from the users service's public profile). */
export const SocialUser = Type.Object({
  id: Id,
  nickname: Type.String(),
  profileImageUrl: Nullable(Type.String()),
});
export type SocialUser = Static<typeof SocialUser>;

/** `?cursor=&size=`: newest first; `cursor` is the previous page's `nextCursor`. */
export const SocialPageQuery = Type.Object({
  cursor: Type.Optional(Type.Integer({ minimum: 1 })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type SocialPageQuery = Static<typeof SocialPageQuery>;

export const UserPage = Type.Object({
  users: Type.Array(Type.Intersect([SocialUser, Type.Object({ since: DateTime })])),
  nextCursor: Nullable(Type.Integer()),
});
export type UserPage = Static<typeof UserPage>;

/** What I am to another user. */
export const FOLLOW_STATES = ['NONE', 'REQUESTED', 'FOLLOWING'] as const;
export const FollowState = StringEnum(FOLLOW_STATES);
export type FollowState = (typeof FOLLOW_STATES)[number];

/** `GET /api/social/users/{userId}`: a profile's social side, as the caller sees it. */
export const SocialProfile = Type.Object({
  user: SocialUser,
  private: Type.Boolean(),
  followers: Type.Integer({ minimum: 0 }),
  following: Type.Integer({ minimum: 0 }),
  posts: Type.Integer({ minimum: 0 }),
  /** Whether the caller may see this account's posts, room and lists. */
  visible: Type.Boolean(),
  /** The caller's follow of this user. */
  me: FollowState,
  /** Whether this user follows the caller. */
  followsMe: Type.Boolean(),
  /** The avatar items this user wears, in drawing order; empty when the caller may not see the account. */
  avatar: Type.Array(MetaAssetRef),
});
export type SocialProfile = Static<typeof SocialProfile>;

/** `GET/PATCH /api/social/me/settings`. */
export const SocialSettings = Type.Object({
  private: Type.Boolean(),
});
export type SocialSettings = Static<typeof SocialSettings>;
export const UpdateSocialSettingsBody = Type.Object(
  { private: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type UpdateSocialSettingsBody = Static<typeof UpdateSocialSettingsBody>;

export const FollowResult = Type.Object({ state: FollowState });
export type FollowResult = Static<typeof FollowResult>;
