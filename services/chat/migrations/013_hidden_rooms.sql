-- A room a member hid comes back with a newer message, and the persistence statement clears
-- `hidden_at` then (to tell the member live). The rooms of each stored batch are probed for
-- members who hid them: this index holds only those memberships, so the probe stays cheap.
create index if not exists room_members_hidden_idx on chat.room_members (room_id)
  where hidden_at is not null;

-- Hidings a newer message has already ended (the list has shown the room since): cleared, as
-- the persistence statement now does when it stores such a message.
update chat.room_members m set hidden_at = null
  from chat.rooms r
  join chat.messages lm on lm.room_id = r.id and lm.seq = r.last_seq
 where m.room_id = r.id and m.hidden_at is not null and lm.created_at > m.hidden_at
   and not exists (select 1 from chat.hidden_messages h where h.user_id = m.user_id and h.message_id = lm.id);
