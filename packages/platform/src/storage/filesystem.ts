import { randomUUID } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { ByteRange, ObjectRead, ObjectStore } from '../ports/object-store.ts';
import { assertObjectKey, assertRange, exactLength } from './object-key.ts';

/** Where unfinished puts are written before they are renamed into place (same filesystem). */
const TMP = '.tmp';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Objects as files under `dir` (the key is the relative path). A put writes a temporary file,
 * flushes it to disk and renames it into place, so readers see the whole object or none, also
 * after a crash. Works on a volume several nodes mount, since rename is atomic there too.
 */
export async function createFilesystemObjectStore(opts: { dir: string }): Promise<ObjectStore> {
  const root = opts.dir;
  await mkdir(join(root, TMP), { recursive: true });
  const pathOf = (key: string) => {
    assertObjectKey(key);
    return join(root, key);
  };

  return {
    adapter: 'filesystem',

    async put(key, body, size) {
      const target = pathOf(key);
      const tmp = join(root, TMP, randomUUID());
      const out = createWriteStream(tmp, { flush: true, mode: 0o600 });
      try {
        const source = body instanceof Uint8Array ? Readable.from([body]) : body;
        await pipeline(source, exactLength(size), out);
        await mkdir(dirname(target), { recursive: true });
        await rename(tmp, target);
      } catch (err) {
        // A put that fails early may reject before the file is even open (and pipeline leaves
        // the stream alone when its arguments are refused): once the stream is destroyed and
        // closed, the file is there to remove (removed before, it would be created after).
        out.destroy();
        await finished(out).catch(() => undefined);
        await rm(tmp, { force: true });
        throw err;
      }
    },

    async get(key, range?: ByteRange): Promise<ObjectRead | null> {
      let file: Awaited<ReturnType<typeof open>>;
      try {
        file = await open(pathOf(key), 'r');
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
      try {
        const { size } = await file.stat();
        if (range) assertRange(range, size);
        const wanted = range ?? { start: 0, end: size - 1 };
        if (size === 0) {
          // Nothing to stream (createReadStream's `end: -1` would mean "to the end" anyway).
          await file.close();
          return { body: Readable.from([]), size, range: wanted };
        }
        const body = file.createReadStream({ start: wanted.start, end: wanted.end, autoClose: true });
        return { body, size, range: wanted };
      } catch (err) {
        await file.close().catch(() => undefined);
        throw err;
      }
    },

    async head(key) {
      try {
        const file = await open(pathOf(key), 'r');
        try {
          return { size: (await file.stat()).size };
        } finally {
          await file.close();
        }
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },

    async delete(keys) {
      const paths = keys.map(pathOf);
      await Promise.all(paths.map((p) => rm(p, { force: true })));
    },

    async health() {
      try {
        await access(join(root, TMP), constants.W_OK);
        return { status: 'UP', details: { adapter: 'filesystem', dir: root } };
      } catch (err) {
        const reason = (err as NodeJS.ErrnoException).code ?? 'unavailable';
        return { status: 'DOWN', details: { adapter: 'filesystem', dir: root, reason } };
      }
    },

    async close() {},
  };
}
