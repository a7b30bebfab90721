import type { ErrorCode } from './app-error.ts';

/** The contract's error body, the same for every HTTP error. */
export interface HttpErrorBody {
  status: number;
  error: ErrorCode;
  message: string;
  path: string;
  timestamp: string;
}

export function httpErrorBody(
  status: number,
  error: ErrorCode,
  message: string,
  path: string,
): HttpErrorBody {
  return { status, error, message, path: path.split('?')[0] ?? path, timestamp: new Date().toISOString() };
}
