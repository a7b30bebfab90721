import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_DB_DIR } from '../infra/infrastructure.ts';

/**
 * Settings of every test cluster. PGlite zeroes its whole buffer pool at each open: at the
 * default 128 MB that is about 0.6 s of a test server's start, at 8 MB under 0.1 s; PGlite is
 * one connection, so a hundred slots are only memory. A user's DATA_DIR keeps the defaults.
 */
const TEST_SETTINGS = `
# Test template (packages/platform/src/testing/pglite-template.ts)
shared_buffers = 8MB
max_connections = 10
`;
/** Changes when TEST_SETTINGS or the template's making do, so an older template is not used. */
const TEMPLATE_FORMAT = 'v2';

/**
 * A fresh PGlite cluster costs an initdb (about 3-5 s of WebAssembly on a test machine); a copy
 * of one costs about 0.2 s. Test servers start from a copy of a cluster initialised once per
 * machine and PGlite version, so hundreds of server starts do not each pay for an initdb. The
 * plain template is an initdb with TEST_SETTINGS; a variant (see TemplateVariant) is one prepared
 * further.
 */
const templateDir = join(
  tmpdir(),
  `chat-pglite-template-${pgliteVersion()}-${TEMPLATE_FORMAT}-${process.getuid?.() ?? 0}`,
);

/** PGlite's version (its package.json is not exported: found above its entry file). */
function pgliteVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A template made from the plain one: `prepare` gets a DATA_DIR whose embedded database is a
 * copy of the plain template and changes it (e.g. applies migrations). `name` must change
 * whenever what `prepare` does changes (put a hash of its inputs in it), and is published as
 * `<kind>-<rest>`: publishing one removes the other templates of the same kind.
 */
export interface TemplateVariant {
  readonly name: string;
  prepare(dataDir: string): Promise<void>;
}

const building = new Map<string, Promise<string>>();
/** How long a template of an older kind may go unused before a newer one's build removes it. */
const UNUSED_TEMPLATE_MS = 24 * 3_600_000;

/** The template cluster's folder, built on first use (safe when processes race). */
export function pgliteTemplate(variant?: TemplateVariant): Promise<string> {
  const dir = variant ? `${templateDir}-${variant.name}` : templateDir;
  let pending = building.get(dir);
  if (!pending) {
    pending = buildTemplate(dir, variant).catch((err: unknown) => {
      building.delete(dir);
      throw err;
    });
    building.set(dir, pending);
  }
  return pending;
}

async function buildTemplate(dir: string, variant: TemplateVariant | undefined): Promise<string> {
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const staging = mkdtempSync(`${dir}.building-`);
  const pgDir = join(staging, EMBEDDED_DB_DIR);
  try {
    if (variant) {
      cpSync(await pgliteTemplate(), pgDir, { recursive: true });
      await variant.prepare(staging);
    } else {
      const db = await PGlite.create({ dataDir: pgDir });
      await db.close();
      appendFileSync(join(pgDir, 'postgresql.conf'), TEST_SETTINGS);
    }
    try {
      renameSync(pgDir, dir);
    } catch (err) {
      // Another process published it first: theirs is as good as ours.
      if (!existsSync(join(dir, 'PG_VERSION'))) throw err;
    }
    if (variant) removeOtherVariants(dir, variant.name);
    return dir;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Old templates of the same kind (made before a migration was added) are only disk space. One
 * used in the last day is left: a run of another checkout may be copying from it (each use
 * touches the template, see seedPgliteDir). Another process may be removing the same ones.
 */
function removeOtherVariants(published: string, name: string): void {
  const kind = `${basename(templateDir)}-${name.split('-')[0]}-`;
  const parent = dirname(published);
  for (const entry of readdirSync(parent)) {
    const path = join(parent, entry);
    if (!entry.startsWith(kind) || path === published || entry.includes('.building-')) continue;
    const used = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (used !== undefined && Date.now() - used > UNUSED_TEMPLATE_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

/** Fills `dir` (absent or empty) with a copy of a template cluster (the plain one by default). */
export async function seedPgliteDir(dir: string, variant?: TemplateVariant): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  const template = await pgliteTemplate(variant);
  const now = new Date();
  utimesSync(template, now, now);
  mkdirSync(dir, { recursive: true });
  cpSync(template, dir, { recursive: true });
}

/**
 * Prepares a new DATA_DIR whose embedded database starts from a template; a folder that
 * already holds a database (a restart test) is left as it is.
 */
export async function seedEmbeddedDataDir(dataDir: string, variant?: TemplateVariant): Promise<void> {
  const dbDir = join(dataDir, EMBEDDED_DB_DIR);
  if (existsSync(dbDir) && readdirSync(dbDir).length > 0) return;
  await seedPgliteDir(dbDir, variant);
}
