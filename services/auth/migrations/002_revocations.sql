-- The durable copy of the access-token revocation state (the cache holds the same entries
-- under the same keys). Survives a cache loss: auth rebuilds the cache from it.
-- key: auth:revoked:jti:<jti> | auth:revoked:sid:<sid> | auth:revoked:user:<userId>
-- value: '1', or for a user the "revoked before" stamp in epoch millis.
create table auth.revocations (
  key        text primary key,
  value      bigint not null,
  expires_at timestamptz not null
);
create index revocations_expires_idx on auth.revocations (expires_at);
