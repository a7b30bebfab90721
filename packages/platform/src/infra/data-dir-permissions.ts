import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds the whole embedded database and the development JWT secret: only the user
 * running the server may read it. Creates it 0700 and sets every directory inside to 0700 and
 * every file to 0600 (also fixing data folders made by older versions). PGlite writes its
 * initial files with mode 0666 whatever the umask, so this runs again once it has opened.
 */
export function makeDataDirPrivate(dataDir: string, opts: { notInside?: readonly string[] } = {}): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrict(dataDir, 0, new Set(opts.notInside));
}

/** `notInside`: folders of DATA_DIR whose contents are left alone (attachments: many, made 0600). */
function restrict(path: string, depth: number, notInside: ReadonlySet<string>): void {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    if (depth > 16) return;
    for (const name of readdirSync(path)) {
      if (depth === 0 && notInside.has(name)) {
        restrict(join(path, name), 17, notInside);
        continue;
      }
      restrict(join(path, name), depth + 1, notInside);
    }
  } else if (stat.isFile() && (stat.mode & 0o777) !== 0o600) {
    chmodSync(path, 0o600);
  }
}

/**
 * Files created by this process from now on are private (umask 077): new database files
 * appear 0600 inside a 0700 DATA_DIR. Only ever tightens the current umask.
 */
export function usePrivateUmask(): void {
  // process.umask() without an argument is deprecated: set, and read the previous value back.
  const previous = process.umask(0o077);
  process.umask(previous | 0o077);
}
