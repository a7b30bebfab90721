import { type TSchema, type TUnsafe, Type } from '@sinclair/typebox';

/** A string limited to the given values, as `enum` (clearer validation messages than anyOf). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  opts: { description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts }) as TUnsafe<T[number]>;
}

/** `T | null`. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** Positive integer id (JSON number), within what JavaScript and int8 both hold exactly. */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

/** ISO-8601 UTC time; a Date given to the serializer becomes toISOString(). */
export const DateTime = Type.String({ format: 'date-time' });

/** The contract's error body (every non-2xx response). */
export const ErrorBody = Type.Object({
  status: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  path: Type.String(),
  timestamp: Type.String(),
});

/** A route schema's `security`: a bearer access token (the API docs' `bearerAuth` scheme). */
export const BearerAuth = [{ bearerAuth: [] }];

/** A route schema's error responses: the contract's error body for every 4xx. */
export const ClientErrors = { '4xx': ErrorBody };

/** `{ id }` path parameter. */
export const IdParams = Type.Object({ id: Id });
