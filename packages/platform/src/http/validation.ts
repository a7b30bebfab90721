import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type HttpPart = 'body' | 'querystring' | 'params' | 'headers';

/**
 * Fastify validator compiler: bodies are validated strictly (no type coercion: "5" is not a
 * number), while query strings, params and headers coerce, because they arrive as text.
 * Unknown body fields are removed when a schema sets additionalProperties: false.
 */
export function createValidatorCompiler() {
  const strict = addFormats(
    new Ajv({ removeAdditional: true, useDefaults: true, coerceTypes: false, allErrors: false }),
  );
  const coercing = addFormats(
    new Ajv({ removeAdditional: true, useDefaults: true, coerceTypes: 'array', allErrors: false }),
  );
  return ({ schema, httpPart }: { schema: object; httpPart?: string }): ValidateFunction =>
    ((httpPart as HttpPart) === 'body' ? strict : coercing).compile(schema);
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
