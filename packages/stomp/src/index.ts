export { type EncodeOptions, encodeFrame } from './codec.ts';
export {
  CloseCode,
  StompError,
  type StompErrorOptions,
  StompProtocolError,
  StompServerErrorCode,
  type UserErrorPayload,
} from './errors.ts';
export { escapeHeader, unescapeHeader } from './escape.ts';
export {
  CLIENT_COMMANDS,
  type ClientCommand,
  type OutgoingFrame,
  SERVER_COMMANDS,
  type ServerCommand,
  type StompCommand,
  type StompFrame,
  type StompHeaders,
  type StompVersion,
} from './frame.ts';
export { type HeartbeatPlan, negotiateHeartbeat, negotiateVersion } from './negotiate.ts';
export type { HeartbeatOptions, StompServerOptions } from './options.ts';
export {
  DEFAULT_PARSER_LIMITS,
  type FrameSink,
  type ParserLimits,
  parseFrames,
  StompParser,
} from './parser.ts';
export { createStompServer } from './server.ts';
export type { SockJsConnection, StompTransport } from './transport.ts';
export type {
  AckMode,
  DisconnectReason,
  MessageBody,
  MessageHeaders,
  SendContext,
  ShutdownOptions,
  StompHooks,
  StompLogger,
  StompServer,
  StompSession,
  SubscriptionInfo,
} from './types.ts';
