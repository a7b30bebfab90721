/** STOMP 1.2 frame model: commands, headers and the frame shape shared by the codec and the server. */

export const CLIENT_COMMANDS = [
  'CONNECT',
  'STOMP',
  'SEND',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'ACK',
  'NACK',
  'BEGIN',
  'COMMIT',
  'ABORT',
  'DISCONNECT',
] as const;

export const SERVER_COMMANDS = ['CONNECTED', 'MESSAGE', 'RECEIPT', 'ERROR'] as const;

export type ClientCommand = (typeof CLIENT_COMMANDS)[number];
export type ServerCommand = (typeof SERVER_COMMANDS)[number];
export type StompCommand = ClientCommand | ServerCommand;

const KNOWN: ReadonlySet<string> = new Set<string>([...CLIENT_COMMANDS, ...SERVER_COMMANDS]);
const CLIENT: ReadonlySet<string> = new Set<string>(CLIENT_COMMANDS);

export function isStompCommand(value: string): value is StompCommand {
  return KNOWN.has(value);
}

export function isClientCommand(value: string): value is ClientCommand {
  return CLIENT.has(value);
}

/** CONNECT, STOMP and CONNECTED frames never escape header values (STOMP 1.2 "Value Encoding"). */
export function escapesHeaders(command: string): boolean {
  return command !== 'CONNECT' && command !== 'CONNECTED' && command !== 'STOMP';
}

/**
 * Decoded header values (see createHeaders). When a header repeats, the first occurrence wins.
 */
export type StompHeaders = Record<string, string>;

/**
 * Header objects inherit from an empty null-prototype object: no `toString`/`constructor`
 * lookalikes, `__proto__` is a plain key, and V8 keeps them in fast mode (unlike
 * `Object.create(null)`, which is several times slower to fill).
 */
const HeaderBag = function HeaderBag() {} as unknown as new () => StompHeaders;
HeaderBag.prototype = Object.create(null);

export function createHeaders(): StompHeaders {
  return new HeaderBag();
}

/** A decoded frame. `body` is a view into the received bytes (binary safe, may be empty). */
export interface StompFrame {
  readonly command: StompCommand;
  readonly headers: StompHeaders;
  readonly body: Buffer;
}

/** A frame to encode. Undefined header values are skipped; `content-length` is computed. */
export interface OutgoingFrame {
  readonly command: StompCommand;
  readonly headers?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: string | Uint8Array;
}

export type StompVersion = '1.0' | '1.1' | '1.2';

export const ALL_VERSIONS: readonly StompVersion[] = ['1.2', '1.1', '1.0'];

/** WebSocket subprotocol names, best first. */
export const SUBPROTOCOLS: Readonly<Record<string, StompVersion>> = {
  'v12.stomp': '1.2',
  'v11.stomp': '1.1',
  'v10.stomp': '1.0',
};
