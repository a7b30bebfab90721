-- The SQL of services/chat/src/attachments/attachment.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- ATTACHMENT_SQL.begin
insert into chat.attachments (id, room_id, uploader_id, name, content_type, kind, size, created_at,
                                        expires_at)
   values ($1, $2, $3, $4, 'application/octet-stream', $5, $8, $6, $7);

-- ATTACHMENT_SQL.stored
update chat.attachments
      set content_type = $2, kind = $3, size = $4, width = $5, height = $6, thumbnail_size = $7, stored = true
    where id = $1
   returning created_at, expires_at;

-- ATTACHMENT_SQL.remove
delete from chat.attachments where id = $1;

-- ATTACHMENT_SQL.usedSince
select coalesce(sum(size), 0)::int8 as bytes, min(created_at) as oldest
     from chat.attachments where uploader_id = $1 and created_at > $2;

-- ATTACHMENT_SQL.byId
select a.id, a.room_id, a.uploader_id, a.name, a.content_type, a.kind, a.size, a.width, a.height,
         a.thumbnail_size, a.stored, a.created_at, a.expires_at,
         m.id as message_id
    from chat.attachments a
    left join lateral (
      select m.id from chat.messages m
       where m.attachment is not null and (m.attachment ->> 'id') = a.id
       order by m.id limit 1
    ) m on true
   where a.id = $1;

-- ATTACHMENT_SQL.claim
update chat.attachments set sent_key = $2
    where id = $1 and (sent_key is null or sent_key = $2)
   returning id;

-- ATTACHMENT_SQL.unsent
select a.id, a.thumbnail_size from chat.attachments a
   where a.created_at < $1 and (a.sent_key is null or a.created_at < $3)
     and not exists (select 1 from chat.messages m
                      where m.attachment is not null and (m.attachment ->> 'id') = a.id)
   order by a.created_at limit $2;

-- ATTACHMENT_SQL.expired
select id, thumbnail_size from chat.attachments
   where expires_at is not null and expires_at <= $1
   order by expires_at limit $2;

-- ATTACHMENT_SQL.forget
delete from chat.attachments where id = any($1::text[]);
