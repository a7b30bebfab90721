import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../common.ts';
import { MetaAssetRef } from './assets.ts';

// Avatars (docs/services/social.md "Avatars"): a user wears AVATAR assets they own, at most one
// per category, drawn stacked in the order they were put on. Whoever may see the user's account
// sees the avatar (on the profile, in the room, and by its own route).

/** Items worn at once, at most. */
export const AVATAR_ITEMS_MAX = 8;

/** `GET /api/social/users/{userId}/avatar`, `PUT /api/social/me/avatar`: the worn items. */
export const UserAvatar = Type.Object({
  /** In drawing order: the first is drawn at the bottom, each next one above it. */
  items: Type.Array(MetaAssetRef),
});
export type UserAvatar = Static<typeof UserAvatar>;

/**
 * `PUT /api/social/me/avatar`: everything I wear, replaced (an empty list takes everything
 * off). Each an AVATAR asset I own, at most one per category, in drawing order.
 */
export const WearAvatarBody = Type.Object(
  { assetIds: Type.Array(Id, { maxItems: AVATAR_ITEMS_MAX, uniqueItems: true }) },
  { additionalProperties: false },
);
export type WearAvatarBody = Static<typeof WearAvatarBody>;
