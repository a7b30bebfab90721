import { normalizeTag, TAG_MAX } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { SocialDeps } from '../social-deps.ts';

/** Tags as stored: normalised (normalizeTag), each once, in the order given. */
export function normalizeTags(raw: readonly string[]): string[] {
  const tags: string[] = [];
  for (const r of raw) {
    const tag = normalizeTag(r);
    if (tag === null) throw Errors.badTag(r, 'is not a tag: letters, digits and _ after an optional #');
    if ([...tag].length > TAG_MAX) throw Errors.badTag(r, `is longer than ${TAG_MAX} characters`);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** The users named, each once; 400 naming those that do not exist. */
export async function checkMentions(
  deps: Pick<SocialDeps, 'users'>,
  ids: readonly number[] = [],
): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = new Set((await deps.users.getPublicProfiles(unique)).map((p) => p.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) throw Errors.mentionsNotFound(missing);
  return unique;
}
