-- The auth service's schema: credentials and sessions. The user record lives in the users schema.
create schema if not exists auth;

-- One password hash per user: argon2id ($argon2id$...) or an imported bcrypt hash ($2a$/$2b$).
create table auth.credentials (
  user_id       bigint primary key,
  password_hash text not null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);

-- A session is one login; its refresh tokens form one rotation family.
create table auth.sessions (
  id             uuid primary key,
  user_id        bigint not null,
  created_at     timestamptz not null default now(),
  last_used_at   timestamptz not null default now(),
  expires_at     timestamptz not null,
  revoked_at     timestamptz,
  revoked_reason text,
  user_agent     text,
  client_ip      text
);
create index sessions_user_active_idx on auth.sessions (user_id) where revoked_at is null;
create index sessions_expires_idx on auth.sessions (expires_at);

-- Refresh tokens by SHA-256 of the token (never the token itself). A used token stays until it
-- expires, so presenting it again is recognised as reuse.
create table auth.refresh_tokens (
  token_hash text primary key,
  session_id uuid not null references auth.sessions (id) on delete cascade,
  issued_at  timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index refresh_tokens_session_idx on auth.refresh_tokens (session_id);
create index refresh_tokens_expires_idx on auth.refresh_tokens (expires_at);
