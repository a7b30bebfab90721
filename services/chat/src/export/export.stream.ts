import type { ExportedMessage, ExportedRoom } from '@chat/contracts';
import type { ExportMessageRow, ExportRepository, ExportRoomRow } from './export.repository.ts';

/** Rows per query: memory stays bounded whatever the export's size. */
export const EXPORT_PAGE_SIZE = 500;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentExportedRoom(r: ExportRoomRow): ExportedRoom {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    role: r.role,
    joinedAt: r.joined_at.toISOString(),
    memberCount: r.member_count,
    closedAt: iso(r.closed_at),
  };
}

export function presentExportedMessage(m: ExportMessageRow): ExportedMessage {
  return {
    id: m.id,
    roomId: m.room_id,
    seq: m.seq,
    type: m.type,
    content: m.content,
    createdAt: m.created_at.toISOString(),
    editedAt: iso(m.edited_at),
    deletedAt: iso(m.deleted_at),
    replyToId: m.reply_to_id,
  };
}

/**
 * My part of chat's data as JSON text (the ChatExport shape), produced a page at a time: one
 * chunk per page of rows, so a long history is never held in memory as a whole.
 */
export async function* chatExportChunks(
  repo: ExportRepository,
  userId: number,
  now: Date,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  yield `{"userId":${userId},"exportedAt":${JSON.stringify(now.toISOString())},"rooms":[`;
  let first = true;
  for await (const rows of repo.rooms(userId, pageSize)) {
    yield (first ? '' : ',') + rows.map((r) => JSON.stringify(presentExportedRoom(r))).join(',');
    first = false;
  }
  yield '],"messages":[';
  first = true;
  for await (const rows of repo.messages(userId, pageSize)) {
    yield (first ? '' : ',') + rows.map((m) => JSON.stringify(presentExportedMessage(m))).join(',');
    first = false;
  }
  yield ']}';
}
