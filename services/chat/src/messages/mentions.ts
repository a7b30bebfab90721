import { Errors } from '@chat/platform';

export interface Member {
  readonly userId: number;
  readonly nickname: string;
}

/** After `@nickname`, a mention ends at the end, a space or a punctuation mark (not a letter: "@밥님" is not 밥). */
const ENDS = /^(?:$|[\s\p{P}\p{S}])/u;

/**
 * The members a message mentions: those picked (`mentionIds`, each must be a member) and those
 * named as `@nickname` in the text (the longest nickname wins where two start alike), never
 * the sender. Ids in ascending order.
 */
export function resolveMentions(
  content: string,
  members: readonly Member[],
  senderId: number,
  mentionIds: readonly number[] = [],
): number[] {
  const byId = new Set(members.map((m) => m.userId));
  const notMembers = mentionIds.filter((id) => !byId.has(id));
  if (notMembers.length > 0) {
    throw Errors.invalidPayload(`mentionIds: ${notMembers.join(', ')} not a member of this room`);
  }
  const found = new Set(mentionIds);
  if (content.includes('@')) {
    const longestFirst = [...members].sort((a, b) => b.nickname.length - a.nickname.length);
    for (let at = content.indexOf('@'); at !== -1; at = content.indexOf('@', at + 1)) {
      const rest = content.slice(at + 1);
      const named = longestFirst.find(
        (m) => rest.startsWith(m.nickname) && ENDS.test(rest.slice(m.nickname.length)),
      );
      if (named) found.add(named.userId);
    }
  }
  found.delete(senderId);
  return [...found].sort((a, b) => a - b);
}
