-- The SQL of services/store/src/ledger/ledger.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- LEDGER_SQL.ensureAccounts
insert into store.accounts (name, kind)
select * from unnest($1::text[], $2::text[])
on conflict (name) do nothing;

-- LEDGER_SQL.insertTransaction
insert into store.ledger_transactions (kind, reference, order_id, reason, actor, request_hash)
values ($1, $2, $3, $4, $5, $6)
on conflict (reference) do nothing
returning id;

-- LEDGER_SQL.hashOf
select request_hash from store.ledger_transactions where reference = $1;

-- LEDGER_SQL.moveUserBalance
update store.accounts set balance = balance + $2
 where name = $1 and kind = 'user' and balance + $2 >= 0
 returning balance;

-- LEDGER_SQL.insertEntries
insert into store.ledger_entries (tx_id, account, amount)
select $1, account, amount from unnest($2::text[], $3::bigint[]) as e (account, amount);

-- LEDGER_SQL.balance
select balance from store.accounts where name = $1;

-- LEDGER_SQL.history
select e.id, e.amount, t.kind, t.reason, t.order_id, e.created_at
  from store.ledger_entries e
  join store.ledger_transactions t on t.id = e.tx_id
 where e.account = $1 and ($2::bigint is null or e.id < $2)
 order by e.id desc
 limit $3;

-- LEDGER_SQL.check
select (select coalesce(sum(amount), 0) from store.ledger_entries)::bigint as sum,
       (select count(*) from (
          select tx_id from store.ledger_entries group by tx_id having sum(amount) <> 0
        ) u)::int as unbalanced,
       (select count(*) from store.accounts a
         where a.kind = 'user'
           and a.balance <> coalesce((select sum(amount) from store.ledger_entries e where e.account = a.name), 0)
       )::int as drifted,
       (select count(*) from store.accounts where kind = 'user' and balance < 0)::int as negative;
