// Reactions as the client shows them: the emoji of each configured name, and what tapping a
// reaction does for me (set it, switch to it, or take mine back). Framework-free.
import type { Message } from '../../../lib/wire.ts';

/** KakaoTalk's six; a name configured on the server but unknown here shows as its name. */
const EMOJI: Readonly<Record<string, string>> = {
  HEART: '❤️',
  LIKE: '👍',
  CHECK: '✅',
  SMILE: '😆',
  SURPRISED: '😮',
  SAD: '😢',
};

export function emojiOf(reaction: string): string {
  return EMOJI[reaction] ?? reaction.toLowerCase();
}

/** My reaction on a message, or null. */
export function myReaction(m: Message, me: number): string | null {
  return m.reactions?.find((r) => r.userIds.includes(me))?.reaction ?? null;
}

/** What tapping `reaction` asks for: that reaction, or null (mine taken back) when it is mine already. */
export function toggled(m: Message, me: number, reaction: string): string | null {
  return myReaction(m, me) === reaction ? null : reaction;
}
