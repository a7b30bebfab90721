import type { GuestbookEntry, GuestbookPage, SocialPageQuery } from '@chat/contracts';
import { Errors, keysetPage } from '@chat/platform';
import { recordEvent } from '../events/outbox.ts';
import { socialUsers } from '../users/social-users.ts';
import { toGuestbookEntry } from './guestbook.presenter.ts';
import { enterRoom } from './room-access.ts';
import type { RoomDeps } from './room-deps.ts';
import { cleanMultiline } from './room-text.ts';

/**
 * `ownerId`'s guestbook as `viewerId` sees it, newest first: whoever may see the room. Hidden
 * entries are listed for the owner and for their author only (marked hidden).
 */
export async function listGuestbook(
  deps: RoomDeps,
  viewerId: number,
  ownerId: number,
  q: SocialPageQuery,
): Promise<GuestbookPage> {
  await enterRoom(deps, viewerId, ownerId);
  const size = q.size ?? 20;
  const rows = await deps.guestbook.page(ownerId, viewerId, q.cursor ?? null, size + 1);
  const { page, nextCursor } = keysetPage(rows, size);
  const authors = await socialUsers(
    deps.users,
    page.map((r) => r.author_id),
  );
  return { entries: page.map((r) => toGuestbookEntry(r, authors.get(r.author_id)!)), nextCursor };
}

/** Writes in `ownerId`'s guestbook (anyone who may see the room, the owner too); GuestbookEntryAdded. */
export async function writeEntry(
  deps: RoomDeps,
  authorId: number,
  ownerId: number,
  text: string,
): Promise<GuestbookEntry> {
  const clean = cleanMultiline(text);
  if (clean === '') throw Errors.blankText('body.text');
  await enterRoom(deps, authorId, ownerId);
  const row = await deps.db.transaction(async (tx) => {
    const entry = await deps.guestbook.insert(tx, ownerId, authorId, clean);
    await recordEvent(tx, { type: 'GuestbookEntryAdded', ownerId, authorId, entryId: entry.id });
    return entry;
  });
  deps.kick();
  const authors = await socialUsers(deps.users, [authorId]);
  return toGuestbookEntry(row, authors.get(authorId)!);
}

/** The owner hides an entry of their guestbook, or shows it again; 404 when it is not in it. */
export async function setEntryHidden(
  deps: RoomDeps,
  ownerId: number,
  entryId: number,
  hidden: boolean,
): Promise<GuestbookEntry> {
  const row = await deps.guestbook.setHidden(entryId, ownerId, hidden);
  if (!row) throw Errors.guestbookEntryNotFound(entryId);
  const authors = await socialUsers(deps.users, [row.author_id]);
  return toGuestbookEntry(row, authors.get(row.author_id)!);
}

/**
 * The author deletes their entry (wherever it is, hidden or not). The room's owner gets a 403
 * (they hide entries); anyone else a 404, as for an entry that does not exist.
 */
export async function deleteEntry(deps: RoomDeps, me: number, entryId: number): Promise<void> {
  const entry = await deps.guestbook.find(entryId);
  if (entry?.author_id === me) {
    if (await deps.guestbook.delete(entryId, me)) return;
  } else if (entry?.owner_id === me) {
    throw Errors.notGuestbookAuthor();
  }
  throw Errors.guestbookEntryNotFound(entryId);
}
