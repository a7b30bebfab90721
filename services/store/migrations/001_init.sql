-- The store service's schema: the emoticon shop's items, orders, payments, the points ledger,
-- inventory and the outbox of its events.

create table store.items (
  id bigserial primary key,
  title text not null,
  artist text not null,
  description text not null default '',
  price integer not null check (price >= 0),
  category text not null,
  tags text[] not null default '{}',
  -- [{ "alt": "...", "image": { "key": "...", "contentType": "image/png" } | null }]
  emoticons jsonb not null,
  active boolean not null default true,
  sale_starts_at timestamptz,
  sale_ends_at timestamptz,
  created_by bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index items_category on store.items (category, id desc);

-- Double-entry points ledger. Accounts: `user:{id}` (never below zero), `system:revenue`,
-- `system:grants`, `external:card` (money that came in through the card provider).
create table store.accounts (
  name text primary key,
  kind text not null check (kind in ('user', 'system', 'external')),
  balance bigint not null default 0,
  constraint user_balance_not_negative check (kind <> 'user' or balance >= 0)
);

create table store.ledger_transactions (
  id bigserial primary key,
  kind text not null check (kind in ('GRANT', 'TOP_UP', 'PURCHASE', 'REFUND')),
  -- What the movement is for, unique: a purchase or refund of an order happens once.
  reference text not null unique,
  -- What the request that posted it asked (grants): the same key for another request is refused.
  request_hash text,
  order_id bigint,
  reason text not null,
  actor text not null,
  created_at timestamptz not null default now()
);

create table store.ledger_entries (
  id bigserial primary key,
  tx_id bigint not null references store.ledger_transactions (id),
  account text not null references store.accounts (name),
  amount bigint not null check (amount <> 0),
  created_at timestamptz not null default now()
);
create index ledger_entries_account on store.ledger_entries (account, id desc);
create index ledger_entries_tx on store.ledger_entries (tx_id);

create table store.orders (
  id bigserial primary key,
  buyer_id bigint not null,
  recipient_id bigint,
  gift_message text,
  item_id bigint not null references store.items (id),
  price integer not null check (price >= 0),
  method text not null check (method in ('POINTS', 'CARD')),
  status text not null check (status in ('CREATED', 'PAID', 'FULFILLED', 'CANCELLED', 'REFUNDED')),
  idempotency_key text not null,
  request_hash text not null,
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  fulfilled_at timestamptz,
  closed_at timestamptz,
  unique (buyer_id, idempotency_key)
);
create index orders_buyer on store.orders (buyer_id, id desc);
create index orders_recipient on store.orders (recipient_id, id desc) where recipient_id is not null;
create index orders_paid_at on store.orders (paid_at) where paid_at is not null;

create table store.order_transitions (
  id bigserial primary key,
  order_id bigint not null references store.orders (id),
  from_status text,
  to_status text not null,
  actor text not null,
  reason text not null,
  at timestamptz not null default now()
);
create index order_transitions_order on store.order_transitions (order_id, id);

create table store.top_ups (
  id bigserial primary key,
  user_id bigint not null,
  amount integer not null check (amount > 0),
  status text not null check (status in ('PENDING', 'COMPLETED', 'FAILED', 'REVERSED')),
  idempotency_key text not null,
  request_hash text not null,
  created_at timestamptz not null default now(),
  unique (user_id, idempotency_key)
);

create table store.payments (
  id bigserial primary key,
  payment_key text not null unique,
  provider text not null,
  order_id bigint references store.orders (id),
  top_up_id bigint references store.top_ups (id),
  user_id bigint not null,
  amount integer not null check (amount > 0),
  status text not null check (status in ('READY', 'CONFIRMED', 'FAILED', 'CANCELLED')),
  -- The provider's version of the payment last applied: older webhooks change nothing.
  provider_version integer not null default 0,
  checkout_url text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((order_id is null) <> (top_up_id is null))
);
create unique index payments_order on store.payments (order_id) where order_id is not null;
create unique index payments_top_up on store.payments (top_up_id) where top_up_id is not null;

-- Webhook events seen (a replay is answered 200 and changes nothing).
create table store.webhook_events (
  event_id text primary key,
  payment_key text not null,
  type text not null,
  received_at timestamptz not null default now()
);

-- Versions of holdings: every change of any holding takes the next value.
create sequence store.inventory_versions;

create table store.inventory (
  user_id bigint not null,
  item_id bigint not null references store.items (id),
  order_id bigint not null references store.orders (id),
  gift_from bigint,
  acquired_at timestamptz not null default now(),
  used_at timestamptz,
  revoked_at timestamptz,
  version bigint not null,
  primary key (user_id, item_id)
);
create index inventory_order on store.inventory (order_id);

create table store.outbox (
  id bigserial primary key,
  event_id text not null,
  key text not null,
  type text not null,
  payload text not null,
  request_id text,
  created_at timestamptz not null default now()
);
