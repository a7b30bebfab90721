// The meta assets' administration forms (new asset, edit, image, grant): the typed fields to the
// contract's bodies, or the fields that are wrong (each with the message key to show); what an
// image or a refused grant means. The limits are literals here, so no schema library reaches
// the bundle; the unit test holds them to the contract's. Framework-free.
import type { CreateMetaAssetBody, MetaAsset, MetaAssetKind, UpdateMetaAssetBody } from '@chat/contracts';
import type { MessageKey } from '../../../i18n/messages.ts';

export const ASSET_KINDS = ['AVATAR', 'DECORATION'] as const satisfies readonly MetaAssetKind[];
export const ASSET_NAME_MAX = 40;
export const ASSET_CATEGORY_MAX = 30;
export const ASSET_DESCRIPTION_MAX = 300;
export const ASSET_IMAGE_MAX = 1_048_576;
export const ASSET_IMAGE_TYPES = ['image/png', 'image/gif', 'image/webp', 'image/jpeg'] as const;

/** The contract's NAME_PATTERN: no control, bidi or invisible characters, one visible at least. */
const FORBIDDEN =
  '\\p{Cc}\\u00AD\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF';
export const ASSET_NAME_PATTERN = `^[^${FORBIDDEN}]*[^${FORBIDDEN}\\s\\p{Cf}][^${FORBIDDEN}]*$`;
const nameRe = new RegExp(ASSET_NAME_PATTERN, 'u');

export type FieldErrors<K extends string> = Partial<Record<K, MessageKey>>;

export interface AssetFields {
  kind: MetaAssetKind;
  category: string;
  name: string;
  description: string;
}
export type EditFields = Omit<AssetFields, 'kind'>;

export const emptyAssetFields: AssetFields = { kind: 'DECORATION', category: '', name: '', description: '' };

/** The fields of an asset as the edit form starts them. */
export const editFieldsOf = (a: MetaAsset): EditFields => ({
  category: a.category,
  name: a.name,
  description: a.description,
});

const length = (s: string) => [...s].length;
const clean = (s: string) => s.normalize('NFC').trim();
const nameOk = (s: string, max: number) => length(s) >= 1 && length(s) <= max && nameRe.test(s);

function check(f: EditFields): { values: EditFields; errors: FieldErrors<keyof AssetFields> } {
  const values = { category: clean(f.category), name: clean(f.name), description: clean(f.description) };
  const errors: FieldErrors<keyof AssetFields> = {};
  if (!nameOk(values.name, ASSET_NAME_MAX)) errors.name = 'assetNameInvalid';
  if (!nameOk(values.category, ASSET_CATEGORY_MAX)) errors.category = 'assetCategoryInvalid';
  if (length(values.description) > ASSET_DESCRIPTION_MAX) errors.description = 'assetDescriptionInvalid';
  return { values, errors };
}

type Parsed<B> = { body: B; errors: null } | { body: null; errors: FieldErrors<keyof AssetFields> };

export function createAssetBody(f: AssetFields): Parsed<CreateMetaAssetBody> {
  const { values, errors } = check(f);
  if (!(ASSET_KINDS as readonly string[]).includes(f.kind)) errors.kind = 'assetKindInvalid';
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: CreateMetaAssetBody = { kind: f.kind, category: values.category, name: values.name };
  if (values.description) body.description = values.description;
  return { body, errors: null };
}

/** Only what changed (an empty body: nothing to save). */
export function updateAssetBody(asset: MetaAsset, f: EditFields): Parsed<UpdateMetaAssetBody> {
  const { values, errors } = check(f);
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: UpdateMetaAssetBody = {};
  if (values.name !== asset.name) body.name = values.name;
  if (values.category !== asset.category) body.category = values.category;
  if (values.description !== asset.description) body.description = values.description;
  return { body, errors: null };
}

/** Why a file cannot be an asset's image, or null. */
export function assetImageProblem(file: { type: string; size: number }): MessageKey | null {
  if (!(ASSET_IMAGE_TYPES as readonly string[]).includes(file.type)) return 'assetImageType';
  if (file.size === 0) return 'assetImageEmpty';
  if (file.size > ASSET_IMAGE_MAX) return 'assetImageSize';
  return null;
}

/**
 * A refused grant in the administrator's words: the server answers 409 both when the user
 * already owns the asset and when it is withdrawn (its message says which), 404 for an unknown
 * user or asset. Null: show the server's message as it is.
 */
export function grantRefusal(err: { status: number; message: string }, active: boolean): MessageKey | null {
  if (err.status === 409) {
    return /withdrawn/i.test(err.message) || !active ? 'assetGrantWithdrawn' : 'assetGrantOwned';
  }
  return null;
}
