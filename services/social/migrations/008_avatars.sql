-- Avatars: the AVATAR assets each user wears (schema social).

-- One worn item per category and user (the primary key), each owned (the foreign key: an asset
-- no longer owned is taken off with it) and worn once. `category` is the asset's when it was
-- put on; `position` is the drawing order, bottom first.
create table social.avatar_items (
  user_id bigint not null,
  asset_id bigint not null,
  category text not null,
  position smallint not null,
  primary key (user_id, category),
  unique (user_id, asset_id),
  foreign key (user_id, asset_id) references social.owned_assets (user_id, asset_id) on delete cascade
);
