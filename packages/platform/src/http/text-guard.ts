import { Stream } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';

// ES2024's String.prototype.isWellFormed (Node 20 has it; the TypeScript lib here is ES2023).
const isWellFormed = (value: string): boolean =>
  (value as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Why a string cannot be stored as text, or undefined when it can: a lone surrogate (JSON
 * `"\ud800"` decodes to one; it would be replaced on encoding, so two different inputs would
 * become one) or U+0000 (PostgreSQL `text` refuses it).
 */
export function unstorableText(value: string): string | undefined {
  if (!isWellFormed(value)) return 'is not valid Unicode text (lone surrogate)';
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  return undefined;
}

const MAX_DEPTH = 32;

/** The first string inside `value` that cannot be stored, with its dotted path. */
function findUnstorable(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') {
    const why = unstorableText(value);
    return why && `${path} ${why}`;
  }
  // Buffers (raw bodies) are bytes, not text; a stream (an upload passed on as it arrives) is
  // read by whoever takes it.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof Stream) {
    return undefined;
  }
  // No body of this API nests that deep; deeper would go unchecked, so it is refused.
  if (depth >= MAX_DEPTH) return `${path} is nested deeper than ${MAX_DEPTH} levels`;
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = unstorableText(key);
    if (keyProblem) return `${path} has a field name that ${keyProblem}`;
    const found = findUnstorable(child, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * preValidation hook for every route: any string in the body, query string or path that is
 * not well-formed Unicode or holds NUL is a 400 naming the field, before schemas and handlers
 * see it. Text accepted at the edge can always be stored and compared.
 */
export async function rejectUnstorableText(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const problem =
    findUnstorable(req.params, 'params') ??
    findUnstorable(req.query, 'querystring') ??
    findUnstorable(req.body, 'body');
  if (problem) throw new AppError('BAD_REQUEST', problem);
}
