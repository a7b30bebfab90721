import { Errors } from '@chat/platform';
import sharp, { type Metadata, type Sharp } from 'sharp';

// libvips keeps recent operations and their images for reuse; uploads never repeat one, so
// the cache only holds memory (hundreds of MB after a few photos).
sharp.cache(false);

/** A file's path, or its bytes. */
export type ImageInput = string | Buffer;

export const unreadable = () => Errors.badRequest('the image cannot be read');

/**
 * The image's header, read without decoding its pixels; a 400 when it cannot be read or its
 * upright frame claims more than `maxPixels` (a decompression bomb: a small file of
 * 100,000 x 100,000 pixels).
 */
export async function measure(
  input: ImageInput,
  maxPixels: number,
): Promise<{ meta: Metadata; width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.pageHeight ?? meta.height;
  if (!width || !height) throw unreadable();
  if (width * height > maxPixels) {
    throw Errors.badRequest(
      `the image is ${width} x ${height} pixels; at most ${maxPixels} pixels are accepted`,
    );
  }
  return { meta, width, height };
}

/** The image to decode, every frame of an animated GIF or WebP, decoding errors fatal. */
export function open(input: ImageInput, contentType: string, maxPixels: number): Sharp {
  const animated = contentType === 'image/gif' || contentType === 'image/webp';
  return sharp(input, { limitInputPixels: maxPixels, animated, failOn: 'error' });
}

/** The same format, metadata left out (sharp keeps none unless asked). */
export function reencode(image: Sharp, contentType: string): Sharp {
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
