import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlDatabase, SqlExecutor } from '../ports/sql.ts';

export interface MigrationOptions {
  /** Called for an applied file whose content changed since (it is not run again). */
  onChanged?: (name: string) => void;
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

async function loadMigrations(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Serialises migrations of one schema across every node, until the transaction ends. */
async function lockSchema(tx: SqlExecutor, schema: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`migrations:${schema}`]);
}

/**
 * Applies the forward-only `.sql` files of `migrationsDir` (in name order) that `schema` has not
 * had yet, each in its own transaction, with `search_path` set to the schema so that files may
 * use unqualified names. Files must not contain transaction control (BEGIN/COMMIT). Nodes that
 * start together take turns through an advisory lock keyed by the schema. Returns the names of
 * the files applied by this call.
 */
export async function runMigrations(
  db: SqlDatabase,
  schema: string,
  migrationsDir: string,
  opts: MigrationOptions = {},
): Promise<string[]> {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name for migrations: ${schema}`);
  const files = await loadMigrations(migrationsDir);
  const table = `"${schema}".schema_migrations`;
  await db.transaction(async (tx) => {
    await lockSchema(tx, schema);
    await tx.exec(
      `create schema if not exists "${schema}";
       create table if not exists ${table} (
         name text primary key,
         checksum text not null,
         applied_at timestamptz not null default now()
       );`,
    );
  });

  const applied: string[] = [];
  for (const file of files) {
    const ran = await db.transaction(async (tx) => {
      await lockSchema(tx, schema);
      const { rows } = await tx.query<{ checksum: string }>(`select checksum from ${table} where name = $1`, [
        file.name,
      ]);
      const existing = rows[0];
      if (existing) {
        if (existing.checksum !== file.checksum) opts.onChanged?.(file.name);
        return false;
      }
      await tx.exec(`set local search_path to "${schema}", public`);
      try {
        await tx.exec(file.sql);
      } catch (err) {
        throw new Error(`migration ${schema}/${file.name} failed: ${(err as Error).message}`, { cause: err });
      }
      await tx.query(`insert into ${table} (name, checksum) values ($1, $2)`, [file.name, file.checksum]);
      return true;
    });
    if (ran) applied.push(file.name);
  }
  return applied;
}
