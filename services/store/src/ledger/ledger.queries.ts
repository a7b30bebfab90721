/**
 * The SQL of the points ledger (ledger.ts). Parameters are always bound.
 * Snapshot: services/store/sql/ledger.sql.
 */
export const LEDGER_SQL = {
  /** $1 names, $2 kinds: accounts are made on first use. */
  ensureAccounts: `
    insert into store.accounts (name, kind)
    select * from unnest($1::text[], $2::text[])
    on conflict (name) do nothing`,

  /**
   * $1 kind, $2 reference, $3 order_id, $4 reason, $5 actor, $6 request hash: null when the
   * reference was posted.
   */
  insertTransaction: `
    insert into store.ledger_transactions (kind, reference, order_id, reason, actor, request_hash)
    values ($1, $2, $3, $4, $5, $6)
    on conflict (reference) do nothing
    returning id`,

  /** $1 reference: the request hash of a movement posted before. */
  hashOf: 'select request_hash from store.ledger_transactions where reference = $1',

  /**
   * $1 account, $2 amount: moves a user's balance, only when it stays at zero or above (a
   * concurrent purchase waits for the row and re-checks against the balance it left).
   */
  moveUserBalance: `
    update store.accounts set balance = balance + $2
     where name = $1 and kind = 'user' and balance + $2 >= 0
     returning balance`,

  /** $1 tx_id, $2 accounts, $3 amounts. */
  insertEntries: `
    insert into store.ledger_entries (tx_id, account, amount)
    select $1, account, amount from unnest($2::text[], $3::bigint[]) as e (account, amount)`,

  /** $1 account. */
  balance: 'select balance from store.accounts where name = $1',

  /** $1 account, $2 cursor (entry id, exclusive; null: newest), $3 limit. */
  history: `
    select e.id, e.amount, t.kind, t.reason, t.order_id, e.created_at
      from store.ledger_entries e
      join store.ledger_transactions t on t.id = e.tx_id
     where e.account = $1 and ($2::bigint is null or e.id < $2)
     order by e.id desc
     limit $3`,

  /** The invariants: every entry sums to zero, per transaction, and per user account. */
  check: `
    select (select coalesce(sum(amount), 0) from store.ledger_entries)::bigint as sum,
           (select count(*) from (
              select tx_id from store.ledger_entries group by tx_id having sum(amount) <> 0
            ) u)::int as unbalanced,
           (select count(*) from store.accounts a
             where a.kind = 'user'
               and a.balance <> coalesce((select sum(amount) from store.ledger_entries e where e.account = a.name), 0)
           )::int as drifted,
           (select count(*) from store.accounts where kind = 'user' and balance < 0)::int as negative`,
} as const;
