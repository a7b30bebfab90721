-- Meta assets: avatar items and room decorations, and who owns which (schema social).

-- An asset of the catalog; `active` false withdraws it from the catalog and from grants (its
-- owners keep it). The kind never changes (rooms rely on their decorations staying DECORATION).
create table social.assets (
  id bigserial primary key,
  kind text not null check (kind in ('AVATAR', 'DECORATION')),
  category text not null,
  name text not null,
  description text not null default '',
  active boolean not null default true,
  -- The uploaded image (object store key and type); null until one is: a placeholder is drawn.
  image_key text,
  image_type text,
  created_by bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((image_key is null) = (image_type is null))
);
create index assets_catalog on social.assets (kind, category, id desc) where active;

-- Who owns which asset, once each. `source` says how: GRANT (an administrator) now, PURCHASE
-- (the store, with its order in source_ref) later. `id` orders a user's list, latest first.
create table social.owned_assets (
  id bigserial unique,
  user_id bigint not null,
  asset_id bigint not null references social.assets (id),
  source text not null check (source in ('GRANT', 'PURCHASE')),
  source_ref text,
  granted_by bigint,
  acquired_at timestamptz not null default now(),
  primary key (user_id, asset_id)
);
create index owned_assets_user on social.owned_assets (user_id, id desc);
