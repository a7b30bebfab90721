-- Rankings and recommendations (schema social): the indexes their reads need.

-- Popular rooms: counted visits of the last days, per owner.
create index room_visits_day on social.room_visits (day, owner_id);
-- Posts for me: the posts I reacted to and commented on lately.
create index reactions_user on social.reactions (user_id, id desc);
create index comments_author on social.comments (author_id, id desc) where deleted_at is null;
-- A lost ranking's rebuild: the reactions and comments of the last days.
create index reactions_created on social.reactions (created_at);
create index comments_created on social.comments (created_at) where deleted_at is null;
