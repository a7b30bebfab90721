/** CONNECT negotiation: protocol version (accept-version, subprotocol) and heart-beats. */
import { StompProtocolError } from './errors.ts';
import { type StompVersion, SUBPROTOCOLS } from './frame.ts';

/** WebSocket subprotocol choice: the first of v12/v11/v10.stomp the client offers (and we support). */
export function pickSubprotocol(
  offered: ReadonlySet<string>,
  versions: readonly StompVersion[],
): string | false {
  for (const [name, version] of Object.entries(SUBPROTOCOLS)) {
    if (offered.has(name) && versions.includes(version)) return name;
  }
  return false;
}

/**
 * Highest version both sides support. No accept-version header means 1.0 (spec).
 * Returns null when there is none in common.
 */
export function negotiateVersion(
  acceptVersion: string | undefined,
  supported: readonly StompVersion[],
): StompVersion | null {
  if (acceptVersion === undefined) return supported.includes('1.0') ? '1.0' : null;
  const offered = acceptVersion.split(',').map((v) => v.trim());
  for (const version of supported) if (offered.includes(version)) return version;
  return null;
}

export interface HeartbeatPlan {
  /** Server sends a heart-beat when it wrote nothing for this long; 0 = never. */
  readonly sendMs: number;
  /** Client must send something at least this often; 0 = no check. */
  readonly receiveMs: number;
}

const HEARTBEAT = /^\s*(\d+)\s*,\s*(\d+)\s*$/;
/**
 * The spec allows any non-negative integer. Anything above this (about 24 days) means "as slow as
 * you like" and is clamped, so timers stay within what setTimeout and Date arithmetic handle.
 */
export const MAX_HEARTBEAT_MS = 2_000_000_000;

function interval(digits: string): number {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return trimmed.length > 10 ? MAX_HEARTBEAT_MS : Math.min(Number(trimmed), MAX_HEARTBEAT_MS);
}

/**
 * Client `heart-beat: cx,cy`, server offers sx (send), sy (receive). Per spec the server sends
 * every max(sx, cy) unless either is 0, and expects data every max(cx, sy) unless either is 0.
 */
export function negotiateHeartbeat(
  header: string | undefined,
  serverSendMs: number,
  serverReceiveMs: number,
): HeartbeatPlan {
  if (header === undefined) return { sendMs: 0, receiveMs: 0 };
  const match = HEARTBEAT.exec(header);
  if (match === null) throw new StompProtocolError(`invalid heart-beat header: ${JSON.stringify(header)}`);
  const cx = interval(match[1] as string);
  const cy = interval(match[2] as string);
  return {
    sendMs: serverSendMs === 0 || cy === 0 ? 0 : Math.max(serverSendMs, cy),
    receiveMs: serverReceiveMs === 0 || cx === 0 ? 0 : Math.max(serverReceiveMs, cx),
  };
}
