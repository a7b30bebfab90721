import type { DeadLetter } from '@chat/platform';

/** Bytes of a value shown in listings; the rest is counted, not shown. */
export const PREVIEW_BYTES = 1024;

/** A dead letter as the admin API shows it: the value as bounded UTF-8 text. */
export function presentDeadLetter(d: DeadLetter) {
  let cut = Math.min(d.value.length, PREVIEW_BYTES);
  // Never split a UTF-8 sequence: back up to the start of the character at the cut.
  if (cut < d.value.length) while (cut > 0 && ((d.value[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return {
    id: d.id,
    topic: d.topic,
    group: d.group,
    partition: d.partition,
    offset: d.offset,
    key: d.key,
    attempts: d.attempts,
    error: d.error,
    deadAt: new Date(d.deadAt).toISOString(),
    headers: d.headers,
    valueBytes: d.value.length,
    valuePreview: new TextDecoder('utf-8', { fatal: false }).decode(d.value.subarray(0, cut)),
    valueTruncated: cut < d.value.length,
  };
}
