import { AppError, type HttpErrorCode } from './app-error.ts';
import { toAppError } from './to-app-error.ts';

/** The contract's error body, the same for every HTTP error. */
export interface HttpErrorBody {
  status: number;
  error: HttpErrorCode;
  message: string;
  path: string;
  timestamp: string;
}

/**
 * The one HTTP mapper: any error (an AppError, a framework error, a bug) to the contract's
 * error body, with status and `error` read from the error table. `path` drops the query.
 */
export function httpErrorBody(error: unknown, path: string): HttpErrorBody {
  const e = error instanceof AppError ? error : toAppError(error);
  return {
    status: e.status,
    error: e.httpCode,
    message: e.message,
    path: path.split('?')[0] ?? path,
    timestamp: new Date().toISOString(),
  };
}
