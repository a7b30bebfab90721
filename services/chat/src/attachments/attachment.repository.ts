import type { AttachmentKind } from '@chat/contracts';
import type { SqlDatabase } from '@chat/platform';
import { ATTACHMENT_SQL } from './attachment.queries.ts';

export interface AttachmentRow {
  id: string;
  room_id: number;
  uploader_id: number;
  name: string;
  content_type: string;
  kind: AttachmentKind;
  size: number;
  width: number | null;
  height: number | null;
  thumbnail_size: number | null;
  stored: boolean;
  created_at: Date;
  expires_at: Date | null;
  /** The message that sends it, if one does. */
  message_id: number | null;
}

/** What the clean-up needs to delete an attachment's bytes. */
export interface AttachmentBytes {
  id: string;
  thumbnail_size: number | null;
}

/** Uploaded attachments (chat.attachments). SQL: attachment.queries.ts. */
export function createAttachmentRepository(db: SqlDatabase) {
  return {
    async begin(a: {
      id: string;
      roomId: number;
      uploaderId: number;
      name: string;
      kind: AttachmentKind;
      createdAt: Date;
      expiresAt: Date | null;
      /** Bytes as received (counted in the quota from now on). */
      size: number;
    }) {
      await db.query(ATTACHMENT_SQL.begin, [
        a.id,
        a.roomId,
        a.uploaderId,
        a.name,
        a.kind,
        a.createdAt,
        a.expiresAt,
        a.size,
      ]);
    },
    async stored(
      id: string,
      s: {
        contentType: string;
        kind: AttachmentKind;
        size: number;
        width?: number;
        height?: number;
        thumbnailSize?: number;
      },
    ): Promise<{ created_at: Date; expires_at: Date | null }> {
      const { rows } = await db.query<{ created_at: Date; expires_at: Date | null }>(ATTACHMENT_SQL.stored, [
        id,
        s.contentType,
        s.kind,
        s.size,
        s.width ?? null,
        s.height ?? null,
        s.thumbnailSize ?? null,
      ]);
      if (!rows[0]) throw new Error(`attachment ${id} vanished while it was stored`);
      return rows[0];
    },
    async remove(id: string): Promise<void> {
      await db.query(ATTACHMENT_SQL.remove, [id]);
    },
    async usedSince(uploaderId: number, since: Date): Promise<{ bytes: number; oldest: Date | null }> {
      const { rows } = await db.query<{ bytes: string | number; oldest: Date | null }>(
        ATTACHMENT_SQL.usedSince,
        [uploaderId, since],
      );
      return { bytes: Number(rows[0]?.bytes ?? 0), oldest: rows[0]?.oldest ?? null };
    },
    async byId(id: string): Promise<AttachmentRow | undefined> {
      const { rows } = await db.query<AttachmentRow>(ATTACHMENT_SQL.byId, [id]);
      const row = rows[0];
      return (
        row && {
          ...row,
          size: Number(row.size),
          thumbnail_size: row.thumbnail_size && Number(row.thumbnail_size),
        }
      );
    },
    /** Whether this SEND took the upload (or had taken it already). */
    async claim(id: string, sendKey: string): Promise<boolean> {
      return (await db.query(ATTACHMENT_SQL.claim, [id, sendKey])).rows.length > 0;
    },
    async unsent(createdBefore: Date, limit: number, claimedBefore: Date): Promise<AttachmentBytes[]> {
      return (await db.query<AttachmentBytes>(ATTACHMENT_SQL.unsent, [createdBefore, limit, claimedBefore]))
        .rows;
    },
    async expired(now: Date, limit: number): Promise<AttachmentBytes[]> {
      return (await db.query<AttachmentBytes>(ATTACHMENT_SQL.expired, [now, limit])).rows;
    },
    async forget(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await db.query(ATTACHMENT_SQL.forget, [ids]);
    },
  };
}

export type AttachmentRepository = ReturnType<typeof createAttachmentRepository>;
