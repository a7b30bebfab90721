import type { GuestbookEntry, SocialUser } from '@chat/contracts';
import type { EntryRow } from './guestbook.repository.ts';

export function toGuestbookEntry(row: EntryRow, author: SocialUser): GuestbookEntry {
  return {
    id: row.id,
    ownerId: row.owner_id,
    author,
    text: row.text,
    hidden: row.hidden_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}
