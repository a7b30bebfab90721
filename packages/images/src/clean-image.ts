import { Errors } from '@chat/platform';
import { measure, open, reencode, unreadable } from './decode.ts';

/** What sharp calls the format of each type cleanImage takes. */
const FORMATS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'heif',
};

/** At most this many images are cleaned at once per process (CPU and memory bound). */
const CONCURRENCY = 2;
let cleaning = 0;
const waiting: (() => void)[] = [];
/** A cleaning slot: a free one, or the next one freed (handed over, never counted twice). */
async function slot(): Promise<void> {
  if (cleaning < CONCURRENCY) cleaning++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
}
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else cleaning--;
}

/**
 * The uploaded `bytes` made safe to keep and show: refused (400) when they are not an image of
 * `contentType` or claim more than `maxPixels` (checked before decoding), else turned upright
 * by their EXIF orientation and re-encoded in the same format without metadata (EXIF, GPS,
 * XMP, comments); an animated GIF or WebP stays animated.
 */
export async function cleanImage(bytes: Buffer, contentType: string, maxPixels: number): Promise<Buffer> {
  const expected = FORMATS[contentType];
  if (!expected) throw Errors.badRequest(`${contentType} is not an image type that can be cleaned`);
  const { meta } = await measure(bytes, maxPixels);
  if (meta.format !== expected) {
    throw Errors.badRequest(`the file is not the image it claims to be (${contentType})`);
  }
  await slot();
  try {
    return await reencode(open(bytes, contentType, maxPixels).autoOrient(), contentType).toBuffer();
  } catch {
    throw unreadable();
  } finally {
    release();
  }
}
