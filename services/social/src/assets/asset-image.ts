import { randomUUID } from 'node:crypto';
import { META_ASSET_IMAGE_TYPES } from '@chat/contracts';
import { cleanImage } from '@chat/images';
import { type Config, Errors, type ObjectStore } from '@chat/platform';
import type { FastifyReply } from 'fastify';
import { assetPlaceholderSvg } from './asset-placeholder.ts';
import type { AssetsRepository } from './assets.repository.ts';

interface ImageDeps {
  readonly assets: AssetsRepository;
  readonly storage: ObjectStore;
  /** Images of more pixels are refused before they are decoded (IMAGE_MAX_PIXELS). */
  readonly config: { readonly attachments: Pick<Config['attachments'], 'maxImagePixels'> };
}

/** The type of an upload's Content-Type header when it is one we take, else a 400. */
export function imageTypeOf(header: string | undefined, body: unknown): string {
  const type = String(header ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (!(META_ASSET_IMAGE_TYPES as readonly string[]).includes(type) || !Buffer.isBuffer(body)) {
    throw Errors.badRequest(
      `Send the image as the body, Content-Type one of ${META_ASSET_IMAGE_TYPES.join(', ')}`,
    );
  }
  if (body.length === 0) throw Errors.badRequest('The image is empty');
  return type;
}

/**
 * Stores a new image of the asset under a new key (readers of the old one are not cut off),
 * points the asset at it, then removes the old one. What is stored is the image re-encoded,
 * upright, without its metadata (EXIF, GPS); 400 for bytes that are not an image of `type` or
 * claim more than IMAGE_MAX_PIXELS pixels, 404 for an unknown asset (nothing stored either way).
 */
export async function uploadAssetImage(deps: ImageDeps, assetId: number, type: string, bytes: Buffer) {
  if (!(await deps.assets.find(assetId))) throw Errors.assetNotFound(assetId);
  const image = await cleanImage(bytes, type, deps.config.attachments.maxImagePixels);
  const key = `social/assets/${assetId}/${randomUUID()}`;
  await deps.storage.put(key, image, image.length);
  const set = await deps.assets.setImage(assetId, key, type);
  if (!set) {
    await deps.storage.delete([key]);
    throw Errors.assetNotFound(assetId);
  }
  if (set.previousKey && set.previousKey !== key) await deps.storage.delete([set.previousKey]);
}

/** The asset's image: the uploaded one, or the placeholder SVG (also when the object is gone). */
export async function sendAssetImage(deps: ImageDeps, assetId: number, reply: FastifyReply) {
  const asset = await deps.assets.find(assetId);
  if (!asset) throw Errors.assetNotFound(assetId);
  reply
    .header('cache-control', 'public, max-age=300')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  const read = asset.image_key ? await deps.storage.get(asset.image_key) : null;
  if (!read || !asset.image_type) return reply.type('image/svg+xml').send(assetPlaceholderSvg(asset));
  return reply.type(asset.image_type).send(read.body);
}
