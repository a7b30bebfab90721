// Mentions in posts and comments, framework-free: the `@query` being typed at the caret, who to
// suggest for it, what picking one does to the text, which picked users the text still names
// (the ids sent as `mentions`), and a text split into plain parts and links to mentioned users.
// A mention is `@` + a user's whole nickname (which may hold spaces or regex characters), at
// the start of the text or after a character that is not a letter or digit (not `me@mail`).
import { MENTIONS_MAX, NICKNAME_MAX, type SocialUser } from '../api/types.ts';

/** A user offered for a mention; `followed`: one I follow (listed first). */
export type Suggestion = SocialUser & { followed: boolean };

/** The `@query` at the caret: `text.slice(start, end)` is `@` and the word it is in. */
export interface ActiveMention {
  start: number;
  end: number;
  query: string;
}

export type TextSegment =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; text: string; user: SocialUser };

const WORD_BEFORE = /[\p{L}\p{M}\p{N}_]$/u;
const QUERY = /^[^\s@]+$/u;
const REST_OF_WORD = /^[\p{L}\p{M}\p{N}_]*/u;

/** Whether an `@` at `at` may start a mention (not inside a word or an email address). */
const startsMention = (text: string, at: number) => !WORD_BEFORE.test(text.slice(Math.max(0, at - 2), at));

/** Case and composition folded, for matching what is typed against nicknames. */
export const fold = (s: string) => s.normalize('NFC').toLowerCase();

/**
 * The mention being typed: `@` then one or more characters (no spaces) up to the caret; null
 * when there is none. `end` takes in the rest of the word after the caret.
 */
export function activeMention(text: string, caret: number): ActiveMention | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf('@');
  if (start < 0 || !startsMention(text, start)) return null;
  const query = before.slice(start + 1);
  if (!QUERY.test(query) || [...query].length > NICKNAME_MAX) return null;
  const end = caret + (REST_OF_WORD.exec(text.slice(caret))?.[0].length ?? 0);
  return { start, end, query };
}

/** The text with the mention replaced by `@nickname ` and the caret after it. */
export function insertMention(
  text: string,
  at: Pick<ActiveMention, 'start' | 'end'>,
  nickname: string,
): { text: string; caret: number } {
  const after = text.slice(at.end);
  const inserted = `@${nickname}${/^\s/.test(after) ? '' : ' '}`;
  const caret = at.start + inserted.length + (/^\s/.test(after) ? 1 : 0);
  return { text: text.slice(0, at.start) + inserted + after, caret };
}

/**
 * Who to offer for `query`: people I follow whose nickname starts with it, then those whose
 * nickname holds it, then the people search's answer (`found`, nickname prefix); each once,
 * never me, at most `limit`.
 */
export function suggestions(
  query: string,
  following: readonly SocialUser[],
  found: readonly SocialUser[],
  meId: number,
  limit = 8,
): Suggestion[] {
  const q = fold(query);
  const followedIds = new Set(following.map((u) => u.id));
  const starts = following.filter((u) => fold(u.nickname).startsWith(q));
  const holds = following.filter((u) => !fold(u.nickname).startsWith(q) && fold(u.nickname).includes(q));
  const others = found.filter((u) => !followedIds.has(u.id) && fold(u.nickname).startsWith(q));
  const seen = new Set<number>([meId]);
  const out: Suggestion[] = [];
  for (const u of [...starts, ...holds, ...others]) {
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    out.push({
      id: u.id,
      nickname: u.nickname,
      profileImageUrl: u.profileImageUrl,
      followed: followedIds.has(u.id),
    });
  }
  return out.slice(0, limit);
}

/** The users picked so far with `user` added (replacing one of the same id or nickname). */
export function withPicked(picked: readonly SocialUser[], user: SocialUser): SocialUser[] {
  return [...picked.filter((u) => u.id !== user.id && u.nickname !== user.nickname), user];
}

/**
 * The text in plain parts and mentions of `users`: each `@nickname` of one of them (the longest
 * nickname wins where one starts another); any other `@name` stays plain text.
 */
export function mentionSegments(text: string, users: readonly SocialUser[]): TextSegment[] {
  const byLength = users
    .filter((u) => u.nickname !== '')
    .sort((a, b) => b.nickname.length - a.nickname.length);
  const out: TextSegment[] = [];
  let plain = 0;
  let at = text.indexOf('@');
  while (at >= 0) {
    const user = startsMention(text, at)
      ? byLength.find((u) => text.startsWith(u.nickname, at + 1))
      : undefined;
    if (user) {
      if (at > plain) out.push({ kind: 'text', text: text.slice(plain, at) });
      const end = at + 1 + user.nickname.length;
      out.push({ kind: 'mention', text: text.slice(at, end), user });
      plain = end;
    }
    at = text.indexOf('@', user ? plain : at + 1);
  }
  if (plain < text.length) out.push({ kind: 'text', text: text.slice(plain) });
  return out;
}

/** Ids of the users whose mention is in the text, in the order they first appear, each once. */
function namedIds(text: string, users: readonly SocialUser[]): number[] {
  const ids: number[] = [];
  for (const s of mentionSegments(text, users))
    if (s.kind === 'mention' && !ids.includes(s.user.id)) ids.push(s.user.id);
  return ids;
}

/** The `mentions` of a new post or comment: the picked users the text still names, at most MENTIONS_MAX. */
export function mentionIds(text: string, picked: readonly SocialUser[]): number[] {
  return namedIds(text, picked).slice(0, MENTIONS_MAX);
}

/**
 * The `mentions` of an edit: undefined (the post keeps its own) while the text names the same
 * mentioned users as before; otherwise those it names now, plus the post's mentions its text
 * never showed (a user renamed since), at most MENTIONS_MAX.
 */
export function editedMentions(
  before: { text: string; mentions: readonly SocialUser[] },
  text: string,
  picked: readonly SocialUser[],
): number[] | undefined {
  const shown = namedIds(before.text, before.mentions);
  const now = namedIds(text, picked);
  if (now.length === shown.length && now.every((id) => shown.includes(id))) return undefined;
  const unseen = before.mentions.map((u) => u.id).filter((id) => !shown.includes(id) && !now.includes(id));
  return [...new Set([...now, ...unseen])].slice(0, MENTIONS_MAX);
}
