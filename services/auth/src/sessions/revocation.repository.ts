import type { SqlDatabase } from '@chat/platform';
import type { RevocationEntry, RevocationStore } from '@chat/security';

/** auth.revocations: the durable revocation state (source of truth; the cache is a copy). */
export function createRevocationRepository(db: SqlDatabase): RevocationStore & {
  purgeExpired(): Promise<number>;
} {
  return {
    async save(e: RevocationEntry) {
      const { rows } = await db.query<{ value: string }>(
        `insert into auth.revocations (key, value, expires_at) values ($1, $2, $3)
           on conflict (key) do update
             set value = greatest(auth.revocations.value, excluded.value),
                 expires_at = greatest(auth.revocations.expires_at, excluded.expires_at)
           returning value::text as value`,
        [e.key, e.value, new Date(e.expiresAtMs)],
      );
      return rows[0]?.value ?? e.value;
    },

    async get(keys) {
      const { rows } = await db.query<{ key: string; value: string }>(
        `select key, value::text as value from auth.revocations where key = any($1::text[]) and expires_at > now()`,
        [[...keys]],
      );
      const byKey = new Map(rows.map((r) => [r.key, r.value]));
      return keys.map((k) => byKey.get(k) ?? null);
    },

    async live() {
      const { rows } = await db.query<{ key: string; value: string; expires_at: Date }>(
        'select key, value::text as value, expires_at from auth.revocations where expires_at > now()',
      );
      return rows.map((r) => ({ key: r.key, value: r.value, expiresAtMs: r.expires_at.getTime() }));
    },

    async purgeExpired() {
      const { rowCount } = await db.query('delete from auth.revocations where expires_at < now()');
      return rowCount;
    },
  };
}
