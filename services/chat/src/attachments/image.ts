import { Errors } from '@chat/platform';
import sharp, { type Metadata, type Sharp } from 'sharp';

/** Image types shown inline, with a thumbnail: what browsers display and sharp re-encodes. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
]);

// libvips keeps recent operations and their images for reuse; uploads never repeat one, so
// the cache only holds memory (hundreds of MB after a few photos).
sharp.cache(false);

/** Thumbnails fit in this square (CSS pixels x2 for a sharp timeline at 200 px). */
const THUMBNAIL_SIZE = 400;

export interface ProcessedImage {
  readonly width: number;
  readonly height: number;
  /** The image to keep: re-encoded without its metadata (EXIF, GPS, XMP, comments). */
  readonly original: Buffer;
  readonly thumbnail: Buffer;
}

/**
 * Reads an uploaded image from `path`: refuses one that claims more than `maxPixels` before
 * decoding it (a decompression bomb: a small file of 100,000 x 100,000 pixels), turns it
 * upright by its EXIF orientation, re-encodes it in its own format with no metadata, and
 * makes a WebP thumbnail. An image that cannot be decoded is a 400.
 */
export async function processImage(
  path: string,
  contentType: string,
  maxPixels: number,
): Promise<ProcessedImage> {
  const animated = contentType === 'image/gif' || contentType === 'image/webp';
  const open = () => sharp(path, { limitInputPixels: maxPixels, animated, failOn: 'error' });
  let meta: Metadata;
  try {
    meta = await sharp(path, { limitInputPixels: false }).metadata();
  } catch {
    throw Errors.badRequest('the image cannot be read');
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.pageHeight ?? meta.height;
  if (!width || !height) throw Errors.badRequest('the image cannot be read');
  if (width * height > maxPixels) {
    throw Errors.badRequest(
      `the image is ${width} x ${height} pixels; at most ${maxPixels} pixels are accepted`,
    );
  }
  try {
    const upright = open().autoOrient();
    const original = await reencode(upright, contentType).toBuffer();
    const thumbnail = await open()
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { width, height, original, thumbnail };
  } catch {
    throw Errors.badRequest('the image cannot be read');
  }
}

/** The same format, metadata left out (sharp keeps none unless asked). */
function reencode(image: Sharp, contentType: string): Sharp {
  switch (contentType) {
    case 'image/jpeg':
      return image.jpeg({ quality: 90 });
    case 'image/png':
      return image.png();
    case 'image/webp':
      return image.webp({ quality: 90 });
    case 'image/gif':
      return image.gif();
    default:
      return image.avif({ quality: 60 });
  }
}
