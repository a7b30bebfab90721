import {
  BearerAuth,
  ClientErrors,
  CreateMetaAssetBody,
  GrantMetaAssetBody,
  MetaAsset,
  MetaAssetCategoryList,
  MetaAssetGrant,
  MetaAssetPage,
  MetaAssetParams,
  MetaAssetQuery,
  OwnedMetaAssetPage,
  OwnedMetaAssetQuery,
  UpdateMetaAssetBody,
} from '@chat/contracts';

const user = { tags: ['social'], security: BearerAuth };
const admin = { tags: ['social', 'admin'], security: BearerAuth };

export const catalogSchema = {
  ...user,
  summary: 'Meta assets in the catalog (avatar items, room decorations), newest first, with `owned`',
  querystring: MetaAssetQuery,
  response: { 200: MetaAssetPage, ...ClientErrors },
};
export const categoriesSchema = {
  ...user,
  summary: 'The catalog’s categories per kind, with how many assets',
  response: { 200: MetaAssetCategoryList, ...ClientErrors },
};
export const assetSchema = {
  ...user,
  summary: 'One asset; 404 for a withdrawn one unless I own it (administrators see every asset)',
  params: MetaAssetParams,
  response: { 200: MetaAsset, ...ClientErrors },
};
export const imageSchema = {
  tags: ['social'],
  summary: 'An asset’s image (public): the uploaded one, or a generated SVG placeholder',
  params: MetaAssetParams,
};
export const ownedSchema = {
  ...user,
  summary: 'The assets I own (granted, later bought), latest acquired first',
  querystring: OwnedMetaAssetQuery,
  response: { 200: OwnedMetaAssetPage, ...ClientErrors },
};
export const adminListSchema = {
  ...admin,
  summary: 'Every asset, withdrawn ones too, newest first (ROLE_ADMIN)',
  querystring: MetaAssetQuery,
  response: { 200: MetaAssetPage, ...ClientErrors },
};
export const createSchema = {
  ...admin,
  summary: 'Create an asset (ROLE_ADMIN)',
  body: CreateMetaAssetBody,
  response: { 201: MetaAsset, ...ClientErrors },
};
export const updateSchema = {
  ...admin,
  summary: 'Change an asset’s category, name, description or active flag; the kind stays (ROLE_ADMIN)',
  params: MetaAssetParams,
  body: UpdateMetaAssetBody,
  response: { 200: MetaAsset, ...ClientErrors },
};
export const uploadImageSchema = {
  ...admin,
  summary: 'Upload an asset’s image: the raw body, image/png, gif, webp or jpeg, at most 1 MiB (ROLE_ADMIN)',
  params: MetaAssetParams,
  response: { 200: MetaAsset, ...ClientErrors },
};
export const grantSchema = {
  ...admin,
  summary: 'Give an active asset to a user: 409 when they own it already (ROLE_ADMIN)',
  params: MetaAssetParams,
  body: GrantMetaAssetBody,
  response: { 201: MetaAssetGrant, ...ClientErrors },
};
