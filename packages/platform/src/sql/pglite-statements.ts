import { type PGlite, parse, protocol, type Results } from '@electric-sql/pglite';

/** Statements kept parsed; the least recently used beyond this are closed. */
const MAX_STATEMENTS = 200;
/** A table changed shape under a parsed statement (SQLSTATE 0A000, feature_not_supported). */
const resultTypeChanged = (err: unknown) =>
  (err as { code?: string }).code === '0A000' &&
  /cached plan must not change result type/.test((err as Error).message);

type Message = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number];

interface Prepared {
  name: string;
  /** Parameter type oids, for PGlite's serializers. */
  paramTypes: number[];
  /** The row description (text results), or undefined for a statement returning no rows. */
  fields: Message | undefined;
}

/**
 * PGlite statements parsed once by name, run with a plan of their own each time.
 *
 * `PGlite.query` parses, analyzes and rewrites its text on every call, in six calls into the
 * WebAssembly (parse, describe, bind, describe, execute, sync): for the chat persistence
 * statement (15 common table expressions) the parse alone costs about 0.9 ms a call. Here a
 * text is parsed once under a name (`parse` + `describe` for its parameter types and row
 * description) and each run is one call (`bind` + `execute` + `sync`). Plans are still made
 * for each run's parameters (`plan_cache_mode = force_custom_plan`, set by the engine): a plan
 * made once and kept (a generic plan) is made from the table sizes of that moment, and PGlite is
 * never analyzed, so a plan chosen while a table was empty would stay a sequential scan of it.
 * Parameters and results go through PGlite's own serializers and parsers, as with `query`.
 * The caller runs one statement at a time (the engine's queue).
 */
export function createPreparedStatements(pglite: PGlite) {
  const statements = new Map<string, Prepared>();
  let counter = 0;

  async function run(messages: Uint8Array[]): Promise<Message[]> {
    const { messages: out } = await pglite.execProtocol(Buffer.concat(messages), {
      syncToFs: false,
      throwOnError: false,
    });
    const error = out.find((m) => m.name === 'error');
    if (error) throw error;
    return out;
  }

  async function close(name: string): Promise<void> {
    await run([protocol.serialize.close({ type: 'S', name }), protocol.serialize.sync()]);
  }

  async function prepare(text: string): Promise<Prepared> {
    const name = `chat_s${++counter}`;
    const out = await run([
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    ]);
    const params = out.find((m) => m.name === 'parameterDescription') as
      | { dataTypeIDs?: number[] }
      | undefined;
    const prepared: Prepared = {
      name,
      paramTypes: params?.dataTypeIDs ?? [],
      fields: out.find((m) => m.name === 'rowDescription'),
    };
    statements.set(text, prepared);
    if (statements.size > MAX_STATEMENTS) {
      const [oldest, evicted] = statements.entries().next().value as [string, Prepared];
      statements.delete(oldest);
      await close(evicted.name);
    }
    return prepared;
  }

  async function execute<R>(p: Prepared, params: readonly unknown[]): Promise<Results<R>> {
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serialize = pglite.serializers[p.paramTypes[i] ?? 0];
      return serialize ? serialize(v) : String(v);
    });
    const out = await run([
      protocol.serialize.bind({ statement: p.name, values }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    ]);
    const [result] = parse.parseResults(p.fields ? [p.fields, ...out] : out, pglite.parsers) as Results<R>[];
    return result ?? { rows: [], fields: [] };
  }

  return {
    async query<R>(text: string, params: readonly unknown[]): Promise<Results<R>> {
      try {
        let prepared = statements.get(text);
        if (prepared) {
          // Most recently used last: the first entry is the one to evict.
          statements.delete(text);
          statements.set(text, prepared);
        } else {
          prepared = await prepare(text);
        }
        try {
          return await execute<R>(prepared, params);
        } catch (err) {
          if (!resultTypeChanged(err)) throw err;
          // A table the statement reads changed shape since it was parsed (a migration):
          // parse it again.
          statements.delete(text);
          await close(prepared.name);
          return await execute<R>(await prepare(text), params);
        }
      } catch (err) {
        // As PGlite's own query reports it.
        if (err !== null && typeof err === 'object') Object.assign(err, { query: text, params });
        throw err;
      } finally {
        await pglite.syncToFs();
      }
    },
  };
}
