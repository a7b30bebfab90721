import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_DB_DIR } from '../infra/infrastructure.ts';

/**
 * A fresh PGlite cluster costs an initdb (about 3-5 s of WebAssembly on a test machine); a copy
 * of one costs about 0.2 s. Test servers start from a copy of a cluster initialised once per
 * machine and PGlite version, so hundreds of server starts do not each pay for an initdb. The
 * copy is an untouched initdb: migrations, admin bootstrap and everything else still run.
 */
const templateDir = join(tmpdir(), `chat-pglite-template-${pgliteVersion()}-${process.getuid?.() ?? 0}`);

/** PGlite's version (its package.json is not exported: found above its entry file). */
function pgliteVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

let building: Promise<string> | undefined;

/** The template cluster's folder, initialised on first use (safe when processes race). */
export function pgliteTemplate(): Promise<string> {
  building ??= buildTemplate().catch((err: unknown) => {
    building = undefined;
    throw err;
  });
  return building;
}

async function buildTemplate(): Promise<string> {
  if (existsSync(join(templateDir, 'PG_VERSION'))) return templateDir;
  const staging = mkdtempSync(`${templateDir}.building-`);
  try {
    const db = await PGlite.create({ dataDir: join(staging, 'pg') });
    await db.close();
    try {
      renameSync(join(staging, 'pg'), templateDir);
    } catch (err) {
      // Another process published it first: theirs is as good as ours.
      if (!existsSync(join(templateDir, 'PG_VERSION'))) throw err;
    }
    return templateDir;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Fills `dir` (absent or empty) with a copy of a freshly initialised PGlite cluster. */
export async function seedPgliteDir(dir: string): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  const template = await pgliteTemplate();
  mkdirSync(dir, { recursive: true });
  cpSync(template, dir, { recursive: true });
}

/**
 * Prepares a new DATA_DIR whose embedded database starts from the template; a folder that
 * already holds a database (a restart test) is left as it is.
 */
export async function seedEmbeddedDataDir(dataDir: string): Promise<void> {
  const dbDir = join(dataDir, EMBEDDED_DB_DIR);
  if (existsSync(dbDir) && readdirSync(dbDir).length > 0) return;
  await seedPgliteDir(dbDir);
}
