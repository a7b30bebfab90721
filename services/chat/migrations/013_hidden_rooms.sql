-- A room a member hid comes back with a newer message, and the persistence statement clears
-- `hidden_at` then (to tell the member live). The rooms of each stored batch are probed for
-- members who hid them: this index holds only those memberships, so the probe stays cheap.
create index if not exists room_members_hidden_idx on chat.room_members (room_id)
  where hidden_at is not null;
