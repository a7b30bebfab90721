import type { SqlDatabase, SqlExecutor } from '@chat/platform';

// EXPLAIN of the queries repositories really run (query-plans.test.ts, search-plans.test.ts).

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** What a query's plan does: sequential scans of large tables, and the indexes it reads. */
export interface ExplainedQuery {
  sql: string;
  params: readonly unknown[];
  scans: string[];
  indexes: string[];
}

const LARGE = new Set(['messages', 'room_members', 'rooms', 'users']);

function walk(node: PlanNode, out: { scans: string[]; indexes: string[] }) {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] && LARGE.has(node['Relation Name'])) {
    out.scans.push(node['Relation Name']);
  }
  if (node['Index Name']) out.indexes.push(node['Index Name']);
  for (const child of node.Plans ?? []) walk(child, out);
  return out;
}

/**
 * Wraps the database so that every SELECT the repositories run is also EXPLAINed with the
 * same parameters: the plans checked are those of the real queries, not copies of them.
 */
export function explaining(db: SqlDatabase, plans: ExplainedQuery[]): SqlDatabase {
  const explain = async (ex: SqlExecutor, text: string, params: readonly unknown[] = []) => {
    if (!/^\s*(select|with)/i.test(text)) return;
    const { rows } = await ex.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      `explain (format json) ${text}`,
      params,
    );
    plans.push({
      sql: text.replace(/\s+/g, ' ').slice(0, 120),
      params,
      ...walk(rows[0]!['QUERY PLAN'][0]!.Plan, { scans: [], indexes: [] }),
    });
  };
  return Object.assign(Object.create(db) as SqlDatabase, {
    async query(text: string, params?: readonly unknown[]) {
      await explain(db, text, params);
      return db.query(text, params);
    },
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
      return db.transaction((tx) =>
        fn({
          exec: (t: string) => tx.exec(t),
          async query(text: string, params?: readonly unknown[]) {
            await explain(tx, text, params);
            return tx.query(text, params);
          },
        } as SqlExecutor),
      );
    },
  });
}
