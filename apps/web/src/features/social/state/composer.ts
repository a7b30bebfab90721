// The post composer's input, framework-free: tags as typed (`#seoul, 카페 dogs`) to the list the
// server takes, and what stops a post from being sent.
import {
  POST_IMAGE_MAX,
  POST_IMAGE_TYPES,
  POST_IMAGES_MAX,
  POST_TAGS_MAX,
  POST_TEXT_MAX,
} from '../api/types.ts';

const TAG_CHARS = /^[\p{L}\p{M}\p{N}_]+$/u;
export const TAG_MAX = 30;

/**
 * Tags from what was typed: split on spaces, commas and `#`, normalised as the server does
 * (NFC, lower case), each once. `bad` holds the words that are not tags.
 */
export function parseTags(typed: string): { tags: string[]; bad: string[] } {
  const tags: string[] = [];
  const bad: string[] = [];
  for (const raw of typed.split(/[\s,#]+/)) {
    const tag = raw.normalize('NFC').toLowerCase();
    if (!tag) continue;
    if (!TAG_CHARS.test(tag) || [...tag].length > TAG_MAX) bad.push(raw);
    else if (!tags.includes(tag)) tags.push(tag);
  }
  return { tags, bad };
}

export type ComposerProblem = 'empty' | 'tooLong' | 'badTags' | 'tooManyTags' | 'uploading';

/** Why the post cannot be sent yet, or null. */
export function composerProblem(input: {
  text: string;
  tags: string;
  images: number;
  uploading: boolean;
}): ComposerProblem | null {
  if (input.uploading) return 'uploading';
  if (input.text.trim() === '' && input.images === 0) return 'empty';
  if ([...input.text].length > POST_TEXT_MAX) return 'tooLong';
  const { tags, bad } = parseTags(input.tags);
  if (bad.length > 0) return 'badTags';
  if (tags.length > POST_TAGS_MAX) return 'tooManyTags';
  return null;
}

export type ImageProblem = 'imageType' | 'imageSize' | 'imageCount';

/** Why a picked file cannot be attached (`attached`: images already there), or null. */
export function imageProblem(file: { type: string; size: number }, attached: number): ImageProblem | null {
  if (attached >= POST_IMAGES_MAX) return 'imageCount';
  if (!(POST_IMAGE_TYPES as readonly string[]).includes(file.type)) return 'imageType';
  if (file.size > POST_IMAGE_MAX) return 'imageSize';
  return null;
}
