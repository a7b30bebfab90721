/**
 * The main thread's side of a PGlite hosted in a worker thread (`host.ts`): requests and
 * replies matched by id over the worker's message port. Parameters and rows cross by
 * structured clone, so they are plain data (strings, numbers, bigint, booleans, null, Date,
 * arrays, plain objects, Uint8Array); byte columns in rows are transferred, not copied.
 *
 * Running from TypeScript sources (`node --import tsx ...`), the worker registers tsx itself
 * before importing `host.ts`: on Node 20 a worker does not get the `--import tsx` hooks for
 * its entry file. Compiled to `.js` file by file, `host.js` is started directly. A bundle
 * (one `server.mjs`, `npm run build`) has no `host.js` next to it unless the build emits
 * `host.ts` as a second entry there; without it `inWorker: true` fails naming the path.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { withTimeout } from '../../async/with-timeout.ts';
import type { CallOptions, PgliteEngine, RawResult } from '../pglite-engine.ts';
import { fromWireError, type Request, type Response } from './protocol.ts';

const CLOSE_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(res: Response): void;
  reject(err: Error): void;
}

const fromSources = import.meta.url.endsWith('.ts');
const hostUrl = new URL(fromSources ? './host.ts' : './host.js', import.meta.url);

/** False in a bundle that does not ship the worker script next to it. */
function workerHostAvailable(): boolean {
  return hostUrl.protocol === 'file:' && existsSync(fileURLToPath(hostUrl));
}

function spawnHost(): Worker {
  if (!workerHostAvailable()) {
    throw new Error(`cannot start the PGlite worker: no worker script at ${hostUrl.href} (bundled build?)`);
  }
  if (!fromSources) return new Worker(hostUrl);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const host = JSON.stringify(hostUrl.href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${host}); });`, {
    eval: true,
  });
}

/**
 * Starts a worker thread running PGlite on `dataDir`. A worker that crashes or exits rejects
 * the calls in flight and every later one, so health checks report DOWN instead of hanging.
 */
export async function startWorkerEngine(dataDir: string | undefined): Promise<PgliteEngine> {
  const worker = spawnHost();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | undefined;
  let closed = false;

  const fail = (err: Error): void => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', (res: Response) => {
    const p = pending.get(res.id);
    if (!p) return;
    pending.delete(res.id);
    // Idle, the worker does not keep the process alive (as in-process PGlite would not).
    if (pending.size === 0) worker.unref();
    p.resolve(res);
  });
  worker.on('error', (err) => fail(new Error(`PGlite worker crashed: ${err.message}`, { cause: err })));
  worker.on('messageerror', (err) => {
    fail(new Error(`PGlite worker sent an unreadable reply: ${err.message}`, { cause: err }));
    void worker.terminate();
  });
  worker.on('exit', (code) => {
    fail(new Error(closed ? 'PGlite: the database is closed' : `PGlite worker exited with code ${code}`));
  });

  const send = (req: Request): Promise<Response> => {
    if (failure) return Promise.reject(failure);
    return new Promise<Response>((resolve, reject) => {
      worker.postMessage(req);
      if (pending.size === 0) worker.ref();
      pending.set(req.id, { resolve, reject });
    });
  };
  const done = async (req: Request): Promise<void> => {
    const res = await send(req);
    if ('error' in res) throw fromWireError(res.error);
  };

  try {
    await done({ id: nextId++, op: 'open', dataDir });
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  return {
    async query<R>(text: string, params?: readonly unknown[], opts?: CallOptions): Promise<RawResult<R>> {
      const res = await send({
        id: nextId++,
        op: 'query',
        text,
        params,
        ...(opts?.begin && { begin: true }),
      });
      if ('error' in res) throw fromWireError(res.error, text, params);
      if (!('rows' in res)) throw new Error('PGlite worker: a query got a reply without rows');
      return { rows: res.rows as R[], rowCount: res.rowCount, command: res.command };
    },
    exec: (text: string, opts?: CallOptions) =>
      done({ id: nextId++, op: 'exec', text, ...(opts?.begin && { begin: true }) }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!failure)
          await withTimeout(done({ id: nextId++, op: 'close' }), CLOSE_TIMEOUT_MS, 'PGlite close');
      } finally {
        await worker.terminate();
      }
    },
  };
}
