// What a refused request says to the reader, from the contract's machine code (the error body's
// `error`), never the server's English `message`: one message key per known code, a generic
// sentence for any other (a proxy's page, a code this client does not know yet). Framework-free,
// unit-tested; a feature with finer reasons (features/store/state/refusals.ts) asks here last.

export type ErrorTextKey =
  | 'errBadRequest'
  | 'errUnauthorized'
  | 'errForbidden'
  | 'errNotFound'
  | 'errConflict'
  | 'errTooLarge'
  | 'errTooMany'
  | 'errUnavailable'
  | 'genericError';

const BY_CODE: Readonly<Record<string, ErrorTextKey>> = {
  BAD_REQUEST: 'errBadRequest',
  UNAUTHORIZED: 'errUnauthorized',
  FORBIDDEN: 'errForbidden',
  NOT_FOUND: 'errNotFound',
  CONFLICT: 'errConflict',
  PAYLOAD_TOO_LARGE: 'errTooLarge',
  TOO_MANY_REQUESTS: 'errTooMany',
  SERVICE_UNAVAILABLE: 'errUnavailable',
  REQUEST_TIMEOUT: 'errUnavailable',
};

/** The message key for an error body's `error` code; the generic sentence for an unknown one. */
export function errorTextKey(code: string | null | undefined): ErrorTextKey {
  return (code && Object.hasOwn(BY_CODE, code) ? BY_CODE[code] : undefined) ?? 'genericError';
}
