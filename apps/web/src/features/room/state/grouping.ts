// Groups consecutive messages of one sender within a few minutes, like KakaoTalk: the name
// and avatar show once per group, the time once at its end.
import type { Message } from '../../../lib/wire.ts';

export interface MessageGroup {
  readonly senderId: number;
  readonly senderNickname: string;
  readonly messages: readonly Message[];
}

const GROUP_WINDOW_MS = 5 * 60 * 1000;

export function groupMessages(messages: readonly Message[]): MessageGroup[] {
  const groups: { senderId: number; senderNickname: string; messages: Message[] }[] = [];
  for (const m of messages) {
    const last = groups.at(-1);
    const prev = last?.messages.at(-1);
    if (last && prev && last.senderId === m.senderId && m.timestamp - prev.timestamp < GROUP_WINDOW_MS) {
      last.messages.push(m);
    } else {
      groups.push({ senderId: m.senderId, senderNickname: m.senderNickname, messages: [m] });
    }
  }
  return groups;
}
