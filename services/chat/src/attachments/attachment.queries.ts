/**
 * The SQL of attachment.repository.ts. Snapshot: services/chat/sql/attachment.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */

/** The message that sends attachment `a` (at most one is looked at: the first). */
const SENDING_MESSAGE = `left join lateral (
      select m.id from chat.messages m
       where m.attachment is not null and (m.attachment ->> 'id') = a.id
       order by m.id limit 1
    ) m on true`;

export const ATTACHMENT_SQL = {
  /**
   * $1 id, $2 room, $3 uploader, $4 name, $5 kind, $6 created at, $7 expires at, $8 size as
   * received: an upload begins (bytes not stored yet; its size already counts in the quota).
   */
  begin: `insert into chat.attachments (id, room_id, uploader_id, name, content_type, kind, size, created_at,
                                        expires_at)
   values ($1, $2, $3, $4, 'application/octet-stream', $5, $8, $6, $7)`,

  /** $1 id, $2 content type, $3 kind, $4 size, $5 width, $6 height, $7 thumbnail size: its bytes are stored. */
  stored: `update chat.attachments
      set content_type = $2, kind = $3, size = $4, width = $5, height = $6, thumbnail_size = $7, stored = true
    where id = $1
   returning created_at, expires_at`,

  /** $1 id: an upload that failed. */
  remove: 'delete from chat.attachments where id = $1',

  /** $1 uploader, $2 since: bytes uploaded since, and the oldest of those uploads (the quota). */
  usedSince: `select coalesce(sum(size), 0)::int8 as bytes, min(created_at) as oldest
     from chat.attachments where uploader_id = $1 and created_at > $2`,

  /** $1 id: the attachment, and the message that sends it, if one does. */
  byId: `select a.id, a.room_id, a.uploader_id, a.name, a.content_type, a.kind, a.size, a.width, a.height,
         a.thumbnail_size, a.stored, a.created_at, a.expires_at,
         m.id as message_id
    from chat.attachments a
    ${SENDING_MESSAGE}
   where a.id = $1`,

  /**
   * $1 id, $2 'senderId:messageKey': the SEND that takes the upload (a retry of the same SEND
   * takes it again); no row when another SEND took it first.
   */
  claim: `update chat.attachments set sent_key = $2
    where id = $1 and (sent_key is null or sent_key = $2)
   returning id`,

  /**
   * $1 created before, $2 limit, $3 claimed before: uploads no message sends (never sent, or
   * unsent since). One a SEND took is left a day for its message to be stored.
   */
  unsent: `select a.id, a.thumbnail_size from chat.attachments a
   where a.created_at < $1 and (a.sent_key is null or a.created_at < $3)
     and not exists (select 1 from chat.messages m
                      where m.attachment is not null and (m.attachment ->> 'id') = a.id)
   order by a.created_at limit $2`,

  /** $1 now, $2 limit: attachments whose time is up. */
  expired: `select id, thumbnail_size from chat.attachments
   where expires_at is not null and expires_at <= $1
   order by expires_at limit $2`,

  /** $1 ids: gone (their bytes were deleted first). */
  forget: 'delete from chat.attachments where id = any($1::text[])',
} as const;
