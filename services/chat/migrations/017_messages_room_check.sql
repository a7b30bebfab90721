-- chat.messages no longer checks its room by foreign key.
--
-- The check ran once for every stored message, inside the persistence statement: an index probe
-- of chat.rooms and a key-share lock of the room's row, about 10 µs a message in PGlite (9% of
-- the statement, which runs in the server's thread). Every writer of chat.messages already
-- names only rooms that exist, in the same statement:
--   - the persistence statement (message.queries.ts) stores a message only for a room whose
--     row it has just updated (its seq block), and holds that row until it commits;
--   - the Spring import (apps/server/src/import-spring/importer.ts) joins chat.rooms too.
-- Rooms are never deleted (a room a member leaves stays for the others; an account's deletion
-- keeps its rooms), so the cascade the key declared never ran. A feature that deletes rooms must
-- delete their messages itself.

alter table chat.messages drop constraint if exists messages_room_id_fkey;
