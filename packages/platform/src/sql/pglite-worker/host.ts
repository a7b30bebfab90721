/**
 * The worker thread's side: PGlite and its WebAssembly run here, off the main event loop.
 * Requests run one at a time, in the order they arrive (the main thread may send the next
 * one before this one is answered, and relies on that order).
 */
import { type MessagePort, parentPort } from 'node:worker_threads';
import { openInProcessEngine, type PgliteEngine } from '../pglite-engine.ts';
import { type Request, type Response, toWireError } from './protocol.ts';

function workerPort(): MessagePort {
  if (!parentPort) throw new Error('pglite-worker/host.ts must run in a worker thread');
  return parentPort;
}

const port = workerPort();

let engine: PgliteEngine | undefined;

function opened(): PgliteEngine {
  if (!engine) throw new Error('PGlite worker: the database is not open');
  return engine;
}

/** Byte columns (bytea) move to the main thread instead of being copied. */
function transferables(rows: readonly unknown[]): ArrayBuffer[] {
  let found: Set<ArrayBuffer> | undefined;
  for (const row of rows) {
    if (row === null || typeof row !== 'object') continue;
    for (const value of Object.values(row)) {
      if (!(value instanceof Uint8Array)) continue;
      const { buffer } = value;
      // Only a buffer the value owns whole: never a view into shared or WebAssembly memory.
      if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength) {
        found ??= new Set();
        found.add(buffer);
      }
    }
  }
  return found ? [...found] : [];
}

async function handle(req: Request): Promise<Response> {
  switch (req.op) {
    case 'open':
      engine = await openInProcessEngine(req.dataDir);
      return { id: req.id, done: true };
    case 'query': {
      const { rows, rowCount, command } = await opened().query(req.text, req.params, req);
      return { id: req.id, rows, rowCount, command };
    }
    case 'exec':
      await opened().exec(req.text, req);
      return { id: req.id, done: true };
    case 'close':
      await engine?.close();
      engine = undefined;
      return { id: req.id, done: true };
    default:
      throw new Error(`PGlite worker: unknown request ${JSON.stringify((req as { op?: unknown }).op)}`);
  }
}

function reply(res: Response): void {
  try {
    port.postMessage(res, 'rows' in res ? transferables(res.rows) : []);
  } catch (err) {
    port.postMessage({ id: res.id, error: toWireError(err) } satisfies Response);
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (req: Request) => {
  queue = queue.then(() =>
    handle(req).then(reply, (err: unknown) => reply({ id: req.id, error: toWireError(err) })),
  );
});
