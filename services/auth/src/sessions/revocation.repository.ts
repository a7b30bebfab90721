import type { SqlDatabase } from '@chat/platform';
import type { RevocationEntry, RevocationStore } from '@chat/security';
import { REVOCATION_SQL } from './revocation.queries.ts';

/** auth.revocations: the durable revocation state (source of truth; the cache is a copy). */
export function createRevocationRepository(db: SqlDatabase): RevocationStore & {
  purgeExpired(): Promise<number>;
} {
  return {
    async save(e: RevocationEntry) {
      const { rows } = await db.query<{ value: string }>(REVOCATION_SQL.save, [
        e.key,
        e.value,
        new Date(e.expiresAtMs),
      ]);
      return rows[0]?.value ?? e.value;
    },

    async get(keys) {
      const { rows } = await db.query<{ key: string; value: string }>(REVOCATION_SQL.get, [[...keys]]);
      const byKey = new Map(rows.map((r) => [r.key, r.value]));
      return keys.map((k) => byKey.get(k) ?? null);
    },

    async live() {
      const { rows } = await db.query<{ key: string; value: string; expires_at: Date }>(REVOCATION_SQL.live);
      return rows.map((r) => ({ key: r.key, value: r.value, expiresAtMs: r.expires_at.getTime() }));
    },

    async purgeExpired() {
      const { rowCount } = await db.query(REVOCATION_SQL.purgeExpired);
      return rowCount;
    },
  };
}
