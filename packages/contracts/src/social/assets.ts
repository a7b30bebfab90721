import { type Static, Type } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum } from '../common.ts';
import { NAME_PATTERN } from '../text.ts';

// Meta assets (docs/services/social.md): avatar items and room decorations, in categories, with
// an image each. Administrators create them and grant them to users; users list the catalog
// and what they own. Free for now: buying them in the store is a later source of ownership.

/** AVATAR: worn by a user's avatar; DECORATION: placed in a mini-homepage (room). */
export const META_ASSET_KINDS = ['AVATAR', 'DECORATION'] as const;
export const MetaAssetKind = StringEnum(META_ASSET_KINDS);
export type MetaAssetKind = (typeof META_ASSET_KINDS)[number];

/** How a user came to own an asset: granted by an administrator, or bought (later, the store). */
export const META_ASSET_SOURCES = ['GRANT', 'PURCHASE'] as const;
export const MetaAssetSource = StringEnum(META_ASSET_SOURCES);
export type MetaAssetSource = (typeof META_ASSET_SOURCES)[number];

/** An asset image's largest size, in bytes, and the types taken (no SVG: it could carry script). */
export const META_ASSET_IMAGE_MAX = 1_048_576;
export const META_ASSET_IMAGE_TYPES = ['image/png', 'image/gif', 'image/webp', 'image/jpeg'] as const;

const AssetName = Type.String({ minLength: 1, maxLength: 40, pattern: NAME_PATTERN });
const AssetCategory = Type.String({ minLength: 1, maxLength: 30, pattern: NAME_PATTERN });
const AssetDescription = Type.String({ maxLength: 300 });

export const MetaAsset = Type.Object({
  id: Id,
  kind: MetaAssetKind,
  category: Type.String(),
  name: Type.String(),
  description: Type.String(),
  /**
   * `/api/social/assets/{id}/image`: the uploaded image, or until one is uploaded a generated
   * SVG placeholder. Public (no token), like the store's images.
   */
  imageUrl: Type.String(),
  /** Listed in the catalog and grantable; a withdrawn asset stays with those who own it. */
  active: Type.Boolean(),
  /** Whether the caller owns it. */
  owned: Type.Boolean(),
});
export type MetaAsset = Static<typeof MetaAsset>;

/** An asset as a room shows it (decorations, background). */
export const MetaAssetRef = Type.Object({
  id: Id,
  kind: MetaAssetKind,
  category: Type.String(),
  name: Type.String(),
  imageUrl: Type.String(),
});
export type MetaAssetRef = Static<typeof MetaAssetRef>;

/** `{assetId}` path parameter. */
export const MetaAssetParams = Type.Object({ assetId: Id });
export type MetaAssetParams = Static<typeof MetaAssetParams>;

/** `GET /api/social/assets?kind=&category=&cursor=&size=`: newest first. */
export const MetaAssetQuery = Type.Object({
  kind: Type.Optional(MetaAssetKind),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
  cursor: Type.Optional(Id),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type MetaAssetQuery = Static<typeof MetaAssetQuery>;

export const MetaAssetPage = Type.Object({
  assets: Type.Array(MetaAsset),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: Nullable(Id),
});
export type MetaAssetPage = Static<typeof MetaAssetPage>;

/** `GET /api/social/assets/categories`: the catalog's categories per kind, with how many. */
export const MetaAssetCategoryList = Type.Object({
  categories: Type.Array(
    Type.Object({ kind: MetaAssetKind, name: Type.String(), count: Type.Integer({ minimum: 0 }) }),
  ),
});
export type MetaAssetCategoryList = Static<typeof MetaAssetCategoryList>;

/** An asset I own: since when and how. */
export const OwnedMetaAsset = Type.Intersect([
  MetaAsset,
  Type.Object({ source: MetaAssetSource, acquiredAt: DateTime }),
]);
export type OwnedMetaAsset = Static<typeof OwnedMetaAsset>;

/** `GET /api/social/me/assets?kind=&cursor=&size=`: what I own, latest acquired first. */
export const OwnedMetaAssetPage = Type.Object({
  assets: Type.Array(OwnedMetaAsset),
  nextCursor: Nullable(Id),
});
export type OwnedMetaAssetPage = Static<typeof OwnedMetaAssetPage>;

/** `GET /api/social/me/assets` query. */
export const OwnedMetaAssetQuery = Type.Object({
  kind: Type.Optional(MetaAssetKind),
  cursor: Type.Optional(Id),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type OwnedMetaAssetQuery = Static<typeof OwnedMetaAssetQuery>;

/** `POST /api/social/admin/assets` (ROLE_ADMIN). The kind never changes afterwards. */
export const CreateMetaAssetBody = Type.Object(
  {
    kind: MetaAssetKind,
    category: AssetCategory,
    name: AssetName,
    description: Type.Optional(AssetDescription),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateMetaAssetBody = Static<typeof CreateMetaAssetBody>;

/** `PATCH /api/social/admin/assets/{assetId}` (ROLE_ADMIN): any of the fields. */
export const UpdateMetaAssetBody = Type.Object(
  {
    category: Type.Optional(AssetCategory),
    name: Type.Optional(AssetName),
    description: Type.Optional(AssetDescription),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateMetaAssetBody = Static<typeof UpdateMetaAssetBody>;

/** `POST /api/social/admin/assets/{assetId}/grants` (ROLE_ADMIN): give the asset to a user. */
export const GrantMetaAssetBody = Type.Object({ userId: Id }, { additionalProperties: false });
export type GrantMetaAssetBody = Static<typeof GrantMetaAssetBody>;

export const MetaAssetGrant = Type.Object({
  userId: Id,
  assetId: Id,
  source: MetaAssetSource,
  acquiredAt: DateTime,
});
export type MetaAssetGrant = Static<typeof MetaAssetGrant>;
