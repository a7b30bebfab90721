import { measure, open, reencode, unreadable } from './decode.ts';

/** Image types shown inline, with a thumbnail: what browsers display and sharp re-encodes. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
]);

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
  const { width, height } = await measure(path, maxPixels);
  try {
    const upright = open(path, contentType, maxPixels).autoOrient();
    const original = await reencode(upright, contentType).toBuffer();
    const thumbnail = await open(path, contentType, maxPixels)
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { width, height, original, thumbnail };
  } catch {
    throw unreadable();
  }
}
