-- The SQL of services/store/src/orders/orders.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- ORDERS_SQL.insert
insert into store.orders (buyer_id, recipient_id, gift_message, item_id, price, method, status,
                          idempotency_key, request_hash)
values ($1, $2, $3, $4, $5, $6, 'CREATED', $7, $8)
on conflict (buyer_id, idempotency_key) do nothing
returning id;

-- ORDERS_SQL.idByKey
select id, request_hash from store.orders where buyer_id = $1 and idempotency_key = $2;

-- ORDERS_SQL.find
select o.id, o.buyer_id, o.recipient_id, o.gift_message, o.item_id, o.price, o.method, o.status,
  o.request_hash, o.created_at, o.paid_at, o.fulfilled_at, o.closed_at,
  i.title as item_title, i.emoticons -> 0 ->> 'alt' as item_cover_alt from store.orders o join store.items i on i.id = o.item_id where o.id = $1;

-- ORDERS_SQL.lock
select id, status from store.orders where id = $1 for update;

-- ORDERS_SQL.move
update store.orders set status = $3,
  paid_at = case when $3 = 'PAID' then now() else paid_at end,
  fulfilled_at = case when $3 = 'FULFILLED' then now() else fulfilled_at end,
  closed_at = case when $3 in ('CANCELLED', 'REFUNDED') then now() else closed_at end
 where id = $1 and status = $2
 returning id;

-- ORDERS_SQL.insertTransition
insert into store.order_transitions (order_id, from_status, to_status, actor, reason)
values ($1, $2, $3, $4, $5);

-- ORDERS_SQL.transitions
select order_id, from_status, to_status, actor, reason, at from store.order_transitions
 where order_id = any($1::bigint[]) order by id;

-- ORDERS_SQL.pageOf
  select o.id, o.buyer_id, o.recipient_id, o.gift_message, o.item_id, o.price, o.method, o.status,
o.request_hash, o.created_at, o.paid_at, o.fulfilled_at, o.closed_at,
i.title as item_title, i.emoticons -> 0 ->> 'alt' as item_cover_alt from store.orders o join store.items i on i.id = o.item_id
   where (o.buyer_id = $1 or (o.recipient_id = $1 and o.status in ('FULFILLED', 'REFUNDED')))
     and ($2::bigint is null or o.id < $2)
   order by o.id desc limit $3;

-- ORDERS_SQL.sales
select i.id as item_id, i.title,
       count(o.id) filter (where o.status in ('FULFILLED', 'REFUNDED'))::int as orders,
       count(o.id) filter (where o.status in ('FULFILLED', 'REFUNDED') and o.recipient_id is not null)::int as gifts,
       count(o.id) filter (where o.status = 'REFUNDED')::int as refunds,
       coalesce(sum(o.price) filter (where o.status = 'FULFILLED'), 0)::bigint as revenue
  from store.items i
  left join store.orders o on o.item_id = i.id
       and ($1::timestamptz is null or o.paid_at >= $1) and ($2::timestamptz is null or o.paid_at < $2)
 group by i.id, i.title
 order by revenue desc, i.id;

-- PAYMENTS_SQL.insert
insert into store.payments (payment_key, provider, order_id, top_up_id, user_id, amount, status, checkout_url)
values ($1, $2, $3, $4, $5, $6, 'READY', $7)
on conflict do nothing;

-- PAYMENTS_SQL.ofOrders
select order_id, payment_key, amount, status, checkout_url from store.payments
 where order_id = any($1::bigint[]);

-- PAYMENTS_SQL.ofTopUp
select payment_key, amount, status, checkout_url from store.payments where top_up_id = $1;

-- PAYMENTS_SQL.lockByKey
select id, payment_key, order_id, top_up_id, user_id, amount, status, provider_version
  from store.payments where payment_key = $1 for update;

-- PAYMENTS_SQL.move
update store.payments set status = $3, provider_version = greatest(provider_version, $4), updated_at = now()
 where payment_key = $1 and status = $2
 returning id;

-- PAYMENTS_SQL.seenVersion
update store.payments set provider_version = greatest(provider_version, $2) where payment_key = $1;

-- PAYMENTS_SQL.recordWebhook
insert into store.webhook_events (event_id, payment_key, type) values ($1, $2, $3)
on conflict (event_id) do nothing
returning event_id;

-- TOP_UPS_SQL.insert
insert into store.top_ups (user_id, amount, status, idempotency_key, request_hash)
values ($1, $2, 'PENDING', $3, $4)
on conflict (user_id, idempotency_key) do nothing
returning id;

-- TOP_UPS_SQL.idByKey
select id, request_hash from store.top_ups where user_id = $1 and idempotency_key = $2;

-- TOP_UPS_SQL.find
select id, user_id, amount, status, created_at from store.top_ups where id = $1;

-- TOP_UPS_SQL.move
update store.top_ups set status = $3 where id = $1 and status = $2 returning id;
