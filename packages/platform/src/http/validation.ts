import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type HttpPart = 'body' | 'querystring' | 'params' | 'headers';

/**
 * How an integer is written in a path or query string: plain decimal digits, no sign other
 * than `-`, no leading zeros, no exponent, no `0x`, no spaces, no `Infinity`. One id, one
 * spelling: `/api/rooms/007` is a 400, not room 7.
 */
const CANONICAL_INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;

/**
 * Fastify validator compiler: bodies are validated strictly (no type coercion: "5" is not a
 * number), while query strings, params and headers coerce, because they arrive as text.
 * Integers in text must be canonical and within the safe range before Ajv coerces them (Ajv
 * would turn "Infinity" or "1e400" into a number). Unknown body fields are removed when a
 * schema sets additionalProperties: false.
 */
export function createValidatorCompiler() {
  const strict = addFormats(
    new Ajv({ removeAdditional: true, useDefaults: true, coerceTypes: false, allErrors: false }),
  );
  const coercing = addFormats(
    new Ajv({ removeAdditional: true, useDefaults: true, coerceTypes: 'array', allErrors: false }),
  );
  return ({ schema, httpPart }: { schema: object; httpPart?: string }): ValidateFunction => {
    if ((httpPart as HttpPart) === 'body') return strict.compile(schema);
    return withCanonicalIntegers(coercing.compile(schema), integerFields(schema));
  };
}

/** Names of the top-level properties of an object schema that are integers. */
function integerFields(schema: object): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return Object.entries(properties)
    .filter(([, s]) => s.type === 'integer')
    .map(([name]) => name);
}

function withCanonicalIntegers(validate: ValidateFunction, fields: readonly string[]): ValidateFunction {
  if (fields.length === 0) return validate;
  const wrapped = ((data: unknown) => {
    const bad = nonCanonicalInteger(data, fields);
    if (bad) {
      wrapped.errors = [bad];
      return false;
    }
    const ok = validate(data);
    wrapped.errors = validate.errors;
    return ok;
  }) as ValidateFunction;
  wrapped.schema = validate.schema;
  return wrapped;
}

function nonCanonicalInteger(data: unknown, fields: readonly string[]): ErrorObject | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  for (const field of fields) {
    const raw = (data as Record<string, unknown>)[field];
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      if (typeof value !== 'string') continue;
      if (CANONICAL_INTEGER.test(value) && Number.isSafeInteger(Number(value))) continue;
      return {
        instancePath: `/${field}`,
        schemaPath: '#/canonicalInteger',
        keyword: 'type',
        params: { type: 'integer' },
        message: 'must be an integer written in plain digits (no leading zeros, within 2^53-1)',
      };
    }
  }
  return undefined;
}

/** "body.email must match format \"email\"" — names the field, as the contract asks. */
export function describeValidationError(context: string, errors: readonly ErrorObject[]): string {
  const first = errors[0];
  if (!first) return `Invalid ${context}`;
  const missing = first.keyword === 'required' ? `/${String(first.params.missingProperty)}` : '';
  const path = `${first.instancePath}${missing}`.replace(/^\//, '').replace(/\//g, '.');
  const field = path ? `${context}.${path}` : context;
  if (first.keyword === 'required') return `${field} is required`;
  if (first.keyword === 'additionalProperties') {
    return `${field} has an unknown field "${String(first.params.additionalProperty)}"`;
  }
  return `${field} ${first.message ?? 'is invalid'}`;
}
