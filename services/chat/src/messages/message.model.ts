import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from '@chat/contracts';

// The message object and its schemas are wire types: @chat/contracts (chat/messages.ts).

/** Length in Unicode code points, as the contract counts it (an emoji is one). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A page size as asked: the default when absent, clamped to the maximum (not an error). */
export function clampSize(size: number | undefined): number {
  return Math.min(size ?? HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX);
}
