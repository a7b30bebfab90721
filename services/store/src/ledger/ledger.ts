import type { LedgerCheck } from '@chat/contracts';
import { Errors, type SqlExecutor } from '@chat/platform';
import { LEDGER_SQL } from './ledger.queries.ts';

export type LedgerKind = 'GRANT' | 'TOP_UP' | 'PURCHASE' | 'REFUND';

/** The ledger's accounts: users' points, the shop's revenue, admins' grants, card money. */
export const Accounts = {
  user: (userId: number) => `user:${userId}`,
  revenue: 'system:revenue',
  grants: 'system:grants',
  card: 'external:card',
} as const;

export interface Movement {
  kind: LedgerKind;
  /** Unique per movement (`order:7:purchase`): posting the same reference again does nothing. */
  reference: string;
  orderId: number | null;
  reason: string;
  actor: string;
  /** `amount` points from `from` to `to` (one debit and one credit entry). */
  from: string;
  to: string;
  amount: number;
  /**
   * What the request asked (grants, keyed by the client's Idempotency-Key): posting the same
   * reference for another request is refused instead of silently doing nothing.
   */
  requestHash?: string;
}

const kindOf = (account: string) => account.split(':')[0] as 'user' | 'system' | 'external';

/**
 * Posts a movement as a pair of entries that sum to zero, in the caller's transaction. A user
 * account never goes below zero: the debit is a conditional update of the balance row, so
 * concurrent purchases queue on it and the one that would overspend fails (CONFLICT, with the
 * balance). Returns false when the reference was already posted (nothing moves twice).
 * System and external accounts keep no stored balance: theirs is the sum of their entries.
 */
export async function post(tx: SqlExecutor, m: Movement): Promise<boolean> {
  if (!Number.isSafeInteger(m.amount) || m.amount <= 0) throw new Error(`bad ledger amount ${m.amount}`);
  const accounts = [m.from, m.to];
  await tx.query(LEDGER_SQL.ensureAccounts, [accounts, accounts.map(kindOf)]);
  const { rows } = await tx.query<{ id: number }>(LEDGER_SQL.insertTransaction, [
    m.kind,
    m.reference,
    m.orderId,
    m.reason,
    m.actor,
    m.requestHash ?? null,
  ]);
  const txId = rows[0]?.id;
  if (txId === undefined) {
    if (m.requestHash !== undefined) {
      const seen = await tx.query<{ request_hash: string | null }>(LEDGER_SQL.hashOf, [m.reference]);
      if (seen.rows[0]?.request_hash !== m.requestHash) throw Errors.idempotencyKeyReused();
    }
    return false;
  }
  // Users' rows in name order, so two movements between the same users cannot deadlock.
  const moves = [
    { account: m.from, amount: -m.amount },
    { account: m.to, amount: m.amount },
  ].sort((a, b) => a.account.localeCompare(b.account));
  for (const move of moves) {
    if (kindOf(move.account) !== 'user') continue;
    const updated = await tx.query(LEDGER_SQL.moveUserBalance, [move.account, move.amount]);
    if (updated.rows.length === 0) {
      throw Errors.insufficientPoints(await balanceOf(tx, move.account), -move.amount);
    }
  }
  await tx.query(LEDGER_SQL.insertEntries, [
    Number(txId),
    moves.map((e) => e.account),
    moves.map((e) => e.amount),
  ]);
  return true;
}

export async function balanceOf(db: SqlExecutor, account: string): Promise<number> {
  const { rows } = await db.query<{ balance: string | number }>(LEDGER_SQL.balance, [account]);
  return Number(rows[0]?.balance ?? 0);
}

export interface HistoryRow {
  id: number;
  amount: string | number;
  kind: LedgerKind;
  reason: string;
  order_id: number | null;
  created_at: Date;
}

export async function historyOf(
  db: SqlExecutor,
  account: string,
  cursor: number | null,
  limit: number,
): Promise<HistoryRow[]> {
  return (await db.query<HistoryRow>(LEDGER_SQL.history, [account, cursor, limit])).rows;
}

export async function checkLedger(db: SqlExecutor): Promise<LedgerCheck> {
  const { rows } = await db.query<{
    sum: string | number;
    unbalanced: number;
    drifted: number;
    negative: number;
  }>(LEDGER_SQL.check);
  const r = rows[0]!;
  return {
    sum: Number(r.sum),
    unbalancedTransactions: r.unbalanced,
    driftedAccounts: r.drifted,
    negativeBalances: r.negative,
  };
}
