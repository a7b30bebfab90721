import type { SqlDatabase } from '@chat/platform';
import { REDRIVEN_SQL } from './redriven.queries.ts';

export function createRedrivenRepository(db: SqlDatabase) {
  return {
    async seen(fingerprints: readonly string[]): Promise<Set<string>> {
      if (fingerprints.length === 0) return new Set();
      const { rows } = await db.query<{ fingerprint: string }>(REDRIVEN_SQL.seen, [fingerprints]);
      return new Set(rows.map((r) => r.fingerprint));
    },
    async remember(fingerprints: readonly string[], topic: string, group: string, executionId: number) {
      if (fingerprints.length === 0) return;
      await db.query(REDRIVEN_SQL.remember, [fingerprints, topic, group, executionId]);
    },
    async forget(before: Date): Promise<number> {
      return (await db.query(REDRIVEN_SQL.forget, [before])).rowCount;
    },
  };
}

export type RedrivenRepository = ReturnType<typeof createRedrivenRepository>;
