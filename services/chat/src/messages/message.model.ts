export type MessageType = 'TEXT' | 'IMAGE' | 'SYSTEM';

/** The message object of history and live delivery (CONTRACT.md, "Message object"). */
export interface ChatMessage {
  id: number;
  seq: number;
  messageKey: string;
  roomId: number;
  senderId: number;
  senderNickname: string;
  content: string;
  type: MessageType;
  createdAt: string;
  timestamp: number;
}

export const MAX_CONTENT_CODE_POINTS = 5000;

/** Length in Unicode code points, as the contract counts it (an emoji is one). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
