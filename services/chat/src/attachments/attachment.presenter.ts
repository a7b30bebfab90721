import type { AttachmentRef, MessageAttachment } from '@chat/contracts';
import type { AttachmentRow } from './attachment.repository.ts';

/** Where an attachment's bytes are kept in object storage (two levels, so no folder grows huge). */
export const objectKeys = (id: string) => ({
  original: `attachments/${id.slice(0, 2)}/${id}`,
  thumbnail: `thumbnails/${id.slice(0, 2)}/${id}`,
});

/** What a message that sends the attachment keeps of it. */
export function attachmentRef(row: AttachmentRow): AttachmentRef {
  return {
    id: row.id,
    roomId: row.room_id,
    name: row.name,
    size: row.size,
    contentType: row.content_type,
    kind: row.kind,
    ...(row.width !== null && { width: row.width }),
    ...(row.height !== null && { height: row.height }),
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

/** The attachment as clients see it: the paths to read it, and whether its time is up. */
export function presentAttachment(ref: AttachmentRef, now = Date.now()): MessageAttachment {
  const url = `/api/rooms/${ref.roomId}/attachments/${ref.id}`;
  return {
    ...ref,
    url,
    thumbnailUrl: ref.kind === 'IMAGE' ? `${url}/thumbnail` : null,
    expired: ref.expiresAt !== null && Date.parse(ref.expiresAt) <= now,
  };
}
