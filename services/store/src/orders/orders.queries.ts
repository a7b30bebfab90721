/**
 * The SQL of orders, their transitions and payments (orders.repository.ts). Parameters are
 * always bound. Snapshot: services/store/sql/orders.sql.
 */
const ORDER = `o.id, o.buyer_id, o.recipient_id, o.gift_message, o.item_id, o.price, o.method, o.status,
  o.request_hash, o.created_at, o.paid_at, o.fulfilled_at, o.closed_at,
  i.title as item_title, i.emoticons -> 0 ->> 'alt' as item_cover_alt`;

export const ORDERS_SQL = {
  /** $1 buyer, $2 recipient, $3 message, $4 item, $5 price, $6 method, $7 key, $8 request hash. */
  insert: `
    insert into store.orders (buyer_id, recipient_id, gift_message, item_id, price, method, status,
                              idempotency_key, request_hash)
    values ($1, $2, $3, $4, $5, $6, 'CREATED', $7, $8)
    on conflict (buyer_id, idempotency_key) do nothing
    returning id`,

  /** $1 buyer, $2 key. */
  idByKey: 'select id, request_hash from store.orders where buyer_id = $1 and idempotency_key = $2',

  /** $1 id. */
  find: `select ${ORDER} from store.orders o join store.items i on i.id = o.item_id where o.id = $1`,

  /** $1 id: the order row locked for the transaction. */
  lock: 'select id, status from store.orders where id = $1 for update',

  /** $1 id, $2 from, $3 to: moves the order only from the state the caller saw. */
  move: `
    update store.orders set status = $3,
      paid_at = case when $3 = 'PAID' then now() else paid_at end,
      fulfilled_at = case when $3 = 'FULFILLED' then now() else fulfilled_at end,
      closed_at = case when $3 in ('CANCELLED', 'REFUNDED') then now() else closed_at end
     where id = $1 and status = $2
     returning id`,

  /** $1 order, $2 from, $3 to, $4 actor, $5 reason. */
  insertTransition: `
    insert into store.order_transitions (order_id, from_status, to_status, actor, reason)
    values ($1, $2, $3, $4, $5)`,

  /** $1 order ids. */
  transitions: `
    select order_id, from_status, to_status, actor, reason, at from store.order_transitions
     where order_id = any($1::bigint[]) order by id`,

  /** $1 user (bought, or received and delivered), $2 cursor, $3 limit: newest first. */
  pageOf: `
    select ${ORDER} from store.orders o join store.items i on i.id = o.item_id
     where (o.buyer_id = $1 or (o.recipient_id = $1 and o.status in ('FULFILLED', 'REFUNDED')))
       and ($2::bigint is null or o.id < $2)
     order by o.id desc limit $3`,

  /** Per item: fulfilled orders (refunded ones included), gifts, refunds and net points. */
  sales: `
    select i.id as item_id, i.title,
           count(o.id) filter (where o.status in ('FULFILLED', 'REFUNDED'))::int as orders,
           count(o.id) filter (where o.status in ('FULFILLED', 'REFUNDED') and o.recipient_id is not null)::int as gifts,
           count(o.id) filter (where o.status = 'REFUNDED')::int as refunds,
           coalesce(sum(o.price) filter (where o.status = 'FULFILLED'), 0)::bigint as revenue
      from store.items i
      left join store.orders o on o.item_id = i.id
           and ($1::timestamptz is null or o.paid_at >= $1) and ($2::timestamptz is null or o.paid_at < $2)
     group by i.id, i.title
     order by revenue desc, i.id`,
} as const;

export const PAYMENTS_SQL = {
  /** $1 key, $2 provider, $3 order, $4 top-up, $5 user, $6 amount, $7 checkout url. */
  insert: `
    insert into store.payments (payment_key, provider, order_id, top_up_id, user_id, amount, status, checkout_url)
    values ($1, $2, $3, $4, $5, $6, 'READY', $7)
    on conflict do nothing`,

  /** $1 order ids. */
  ofOrders: `
    select order_id, payment_key, amount, status, checkout_url from store.payments
     where order_id = any($1::bigint[])`,

  /** $1 top-up id. */
  ofTopUp: 'select payment_key, amount, status, checkout_url from store.payments where top_up_id = $1',

  /** $1 key: locked for the transaction. */
  lockByKey: `
    select id, payment_key, order_id, top_up_id, user_id, amount, status, provider_version
      from store.payments where payment_key = $1 for update`,

  /** $1 key, $2 from, $3 to, $4 provider version (kept at its highest). */
  move: `
    update store.payments set status = $3, provider_version = greatest(provider_version, $4), updated_at = now()
     where payment_key = $1 and status = $2
     returning id`,

  /** $1 key, $2 version. */
  seenVersion: `
    update store.payments set provider_version = greatest(provider_version, $2) where payment_key = $1`,

  /** $1 event id, $2 key, $3 type: null when the event was seen before. */
  recordWebhook: `
    insert into store.webhook_events (event_id, payment_key, type) values ($1, $2, $3)
    on conflict (event_id) do nothing
    returning event_id`,
} as const;

export const TOP_UPS_SQL = {
  /** $1 user, $2 amount, $3 key, $4 request hash. */
  insert: `
    insert into store.top_ups (user_id, amount, status, idempotency_key, request_hash)
    values ($1, $2, 'PENDING', $3, $4)
    on conflict (user_id, idempotency_key) do nothing
    returning id`,
  /** $1 user, $2 key. */
  idByKey: 'select id, request_hash from store.top_ups where user_id = $1 and idempotency_key = $2',
  /** $1 id. */
  find: 'select id, user_id, amount, status, created_at from store.top_ups where id = $1',
  /** $1 id, $2 from, $3 to. */
  move: 'update store.top_ups set status = $3 where id = $1 and status = $2 returning id',
} as const;
