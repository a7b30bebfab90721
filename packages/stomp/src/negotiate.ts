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

const HEARTBEAT = /^\s*(\d{1,9})\s*,\s*(\d{1,9})\s*$/;

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
  const cx = Number(match[1]);
  const cy = Number(match[2]);
  return {
    sendMs: serverSendMs === 0 || cy === 0 ? 0 : Math.max(serverSendMs, cy),
    receiveMs: serverReceiveMs === 0 || cx === 0 ? 0 : Math.max(serverReceiveMs, cx),
  };
}
