// The social service's assets administration (`/api/social/admin/assets`, ROLE_ADMIN) for the
// admin screen: list (withdrawn ones too), create, change, upload an image, grant to a user.
import type {
  CreateMetaAssetBody,
  MetaAsset,
  MetaAssetGrant,
  MetaAssetKind,
  MetaAssetPage,
  UpdateMetaAssetBody,
} from '@chat/contracts';
import type { Api } from '../../../lib/http.ts';
import { adminAssetsPath } from '../state/asset-list.ts';

export interface AssetsAdminApi {
  list(kind: MetaAssetKind | null, cursor: number | null): Promise<MetaAssetPage>;
  create(body: CreateMetaAssetBody): Promise<MetaAsset>;
  update(id: number, body: UpdateMetaAssetBody): Promise<MetaAsset>;
  /** The file's bytes as the body, typed by the file (the route takes no multipart). */
  uploadImage(id: number, image: Blob): Promise<MetaAsset>;
  grant(id: number, userId: number): Promise<MetaAssetGrant>;
}

const base = '/api/social/admin/assets';

export function assetsAdminApi(api: Api): AssetsAdminApi {
  return {
    list: (kind, cursor) => api.request<MetaAssetPage>('GET', adminAssetsPath(kind, cursor)),
    create: (body) => api.request<MetaAsset>('POST', base, body),
    update: (id, body) => api.request<MetaAsset>('PATCH', `${base}/${id}`, body),
    uploadImage: (id, image) => api.request<MetaAsset>('PUT', `${base}/${id}/image`, image),
    grant: (id, userId) => api.request<MetaAssetGrant>('POST', `${base}/${id}/grants`, { userId }),
  };
}
