-- The users service's schema: the user record. Credentials live in the auth schema.
create schema if not exists users;

create table users.users (
  id                bigint generated always as identity primary key,
  email             text not null,
  nickname          text not null,
  status            text not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE', 'SUSPENDED')),
  role              text not null default 'ROLE_USER' check (role in ('ROLE_USER', 'ROLE_ADMIN')),
  profile_image_url text,
  status_message    text,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  last_seen_at      timestamptz
);

-- One account per email, case-insensitively (also under concurrent signups). The C collation
-- makes the same index serve equality (login), prefix LIKE (people search) and ordering.
create unique index users_email_lower_key on users.users ((lower(email)) collate "C");

-- People search by nickname prefix, walked in index order so a page costs O(size) rows.
create index users_nickname_lower_idx on users.users ((lower(nickname)) collate "C", id);
