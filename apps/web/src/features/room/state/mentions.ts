// Mentions in the client: the `@name` being typed (for suggestions), putting a picked member's
// name in its place, and the parts of a message to show with mentions marked. Framework-free.

/**
 * The name typed after an `@` that starts a word, up to the caret (nicknames may hold spaces,
 * so only a line break or 30 characters end it; no member matching it means no suggestion), or
 * null when not mentioning.
 */
export function mentionQuery(text: string, caret: number): string | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  const typed = before.slice(at + 1);
  if (at > 0 && !/\s/u.test(before[at - 1]!)) return null;
  if (/\n/.test(typed) || typed.length > 30) return null;
  return typed;
}

/** The text with `@query` before the caret replaced by `@nickname `, and the caret after it. */
export function insertMention(
  text: string,
  caret: number,
  nickname: string,
): { text: string; caret: number } {
  const at = text.slice(0, caret).lastIndexOf('@');
  const inserted = `@${nickname} `;
  return { text: text.slice(0, at) + inserted + text.slice(caret), caret: at + inserted.length };
}

/** Members whose nickname starts with the query (any case), me left out, at most `max`. */
export function suggestMembers<M extends { userId: number; nickname: string }>(
  members: readonly M[],
  query: string,
  me: number,
  max = 6,
): M[] {
  const q = query.toLocaleLowerCase();
  return members.filter((m) => m.userId !== me && m.nickname.toLocaleLowerCase().startsWith(q)).slice(0, max);
}

export interface Part {
  readonly text: string;
  readonly mention: boolean;
}

/** The content cut where `@name` of a mentioned member appears, those parts marked (longest name first). */
export function mentionParts(content: string, names: readonly string[]): Part[] {
  if (names.length === 0 || !content.includes('@')) return [{ text: content, mention: false }];
  const byLength = [...names].sort((a, b) => b.length - a.length);
  const parts: Part[] = [];
  let plain = '';
  for (let i = 0; i < content.length; ) {
    const name = content[i] === '@' ? byLength.find((n) => content.startsWith(n, i + 1)) : undefined;
    if (name === undefined) {
      plain += content[i];
      i++;
      continue;
    }
    if (plain) parts.push({ text: plain, mention: false });
    plain = '';
    parts.push({ text: `@${name}`, mention: true });
    i += name.length + 1;
  }
  if (plain) parts.push({ text: plain, mention: false });
  return parts;
}
