import { randomBytes } from 'node:crypto';
import { POST_IMAGE_TYPES, type UploadedImage } from '@chat/contracts';
import { cleanImage } from '@chat/images';
import { type Config, Errors, type ObjectRead, type ObjectStore } from '@chat/platform';
import { visiblePost } from './post-access.ts';
import type { PostDeps } from './post-deps.ts';

/** Where a post image's bytes are in the object store. */
export const postImageKey = (id: string) => `social/post-images/${id}`;

/** Uploads of one user from the last day that may wait for a post at once. */
export const WAITING_IMAGES_MAX = 20;

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes are (by their signature), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** What uploads need beyond the posts' flows: the storage, and the pixel limit (IMAGE_MAX_PIXELS). */
export type ImageUploadDeps = PostDeps & {
  readonly storage: ObjectStore;
  readonly config: { readonly attachments: Pick<Config['attachments'], 'maxImagePixels'> };
};

/**
 * Stores an image for a post to come: its Content-Type must be one of POST_IMAGE_TYPES and
 * match its bytes (never served as something else, never SVG or HTML). What is kept is the
 * image re-encoded, upright, without its metadata (a phone photo's EXIF: GPS position, camera,
 * time); one that cannot be decoded or claims more than IMAGE_MAX_PIXELS pixels is a 400.
 * It waits until a post takes it (`imageIds`) and is served only with that post, to whoever
 * may see the post. At most WAITING_IMAGES_MAX of a user's uploads of the last day wait at
 * once (409 beyond).
 */
export async function uploadImage(
  deps: ImageUploadDeps,
  me: number,
  contentType: string,
  body: unknown,
): Promise<UploadedImage> {
  if (!(POST_IMAGE_TYPES as readonly string[]).includes(contentType) || !Buffer.isBuffer(body)) {
    throw Errors.postImageType(POST_IMAGE_TYPES);
  }
  if (body.length === 0) throw Errors.badRequest('The image is empty');
  if (sniffImageType(body) !== contentType) throw Errors.postImageNotAnImage(contentType);
  if ((await deps.posts.waitingImages(me)) >= WAITING_IMAGES_MAX) {
    throw Errors.tooManyWaitingImages(WAITING_IMAGES_MAX);
  }
  const image = await cleanImage(body, contentType, deps.config.attachments.maxImagePixels);
  const id = randomBytes(16).toString('base64url');
  await deps.storage.put(postImageKey(id), image, image.length);
  try {
    await deps.posts.addImage(id, me, contentType, image.length);
  } catch (err) {
    await deps.storage.delete([postImageKey(id)]).catch(() => undefined);
    throw err;
  }
  return { id, contentType, size: image.length };
}

/** A post's image, for someone who may see the post (else what viewing it answers: 404/403). */
export async function openImage(
  deps: PostDeps & { storage: ObjectStore },
  me: number,
  postId: number,
  imageId: string,
): Promise<{ contentType: string; read: ObjectRead }> {
  await visiblePost(deps, me, postId);
  const image = await deps.posts.findImage(postId, imageId);
  const read = image && (await deps.storage.get(postImageKey(imageId)));
  if (!image || !read) throw Errors.notFound(`Image ${imageId} of post ${postId}`);
  return { contentType: image.content_type, read };
}
