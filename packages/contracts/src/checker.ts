import type { Static, TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false }));

/** Thrown for a payload that does not match its schema (events, internal responses). */
export class SchemaMismatchError extends Error {
  constructor(what: string, errors: readonly ErrorObject[] | null | undefined) {
    const first = errors?.[0];
    const where = first?.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : 'value';
    super(`${what}: ${where} ${first?.message ?? 'is invalid'}`);
    this.name = 'SchemaMismatchError';
  }
}

/**
 * A compiled check for payloads that cross a process boundary outside HTTP routes (events on
 * receipt, responses of other services): same Ajv semantics as the HTTP edge, no coercion.
 */
export function createChecker<T extends TSchema>(schema: T, what: string): (value: unknown) => Static<T> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => {
    if (!validate(value)) throw new SchemaMismatchError(what, validate.errors);
    return value as Static<T>;
  };
}
