// The route table type shared by the API, checkout and control routes.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Route {
  method: 'GET' | 'POST';
  /** Matched against the whole path; capture groups are the (still encoded) params. */
  path: RegExp;
  handle(req: IncomingMessage, res: ServerResponse, params: string[]): Promise<void> | void;
}

/** A path segment of a payment key, decoded; undefined when malformed. */
export function decodeParam(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return '';
  }
}
