import { SEARCH_QUERY_MAX } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { codePointLength } from '../messages/message.model.ts';

/** Control characters (C0, DEL, C1): never typed into a search box; the index uses U+0001. */
const CONTROL = /\p{Cc}/u;

/**
 * What is searched for: the query as typed, in NFC (한 typed on macOS finds 한 typed elsewhere)
 * and without surrounding white space. Blank, too long or holding control characters is a 400
 * naming `q` (the route's schema already refused empty and over-long text as sent).
 */
export function searchText(q: string): string {
  const text = q.normalize('NFC').trim();
  if (text === '') throw Errors.badRequest('q must contain a character other than white space');
  if (CONTROL.test(text)) throw Errors.badRequest('q must not contain control characters');
  if (codePointLength(text) > SEARCH_QUERY_MAX) {
    throw Errors.badRequest(`q must be at most ${SEARCH_QUERY_MAX} characters`);
  }
  return text;
}
