// The wire types the client speaks, from @chat/contracts (shared with the server, never
// re-typed by hand). Type-only imports: nothing of the schema libraries reaches the bundle.

import type {
  AuthResponse,
  ChangesPage,
  ChatExport,
  ChatMessage,
  DailyStatistics,
  ErrorBody,
  ExecutionDetail,
  ExecutionPage,
  ExecutionSummary,
  HistoryPage,
  HttpErrorCode,
  JobSummary,
  LogPage,
  MessageAttachment,
  MessageChange,
  MessageSearchHit,
  MessageSearchPage,
  MyProfile,
  ProfileExport,
  PublicProfile,
  ReadReceipt,
  RoomDetail,
  RoomEvent,
  RoomSummary,
  SessionInfo,
  StompErrorPayload as StompErrorBody,
  StompErrorCode,
} from '@chat/contracts';
import type { Static } from '@sinclair/typebox';

export type {
  AuthResponse,
  ChatExport,
  DailyStatistics,
  ExecutionDetail,
  ExecutionSummary,
  HttpErrorCode,
  JobSummary,
  MessageAttachment,
  MessageSearchHit,
  MessageSearchPage,
  MyProfile,
  ProfileExport,
  PublicProfile,
  ReadReceipt,
  RoomDetail,
  RoomEvent,
  RoomSummary,
  SessionInfo,
  StompErrorCode,
};

/** `/user/queue/errors` payload; the codes are the error table's (docs/api/errors.md). */
export type StompErrorPayload = Omit<StompErrorBody, 'code'> & { code: StompErrorCode };
export type ErrorBodyT = Static<typeof ErrorBody>;
export type Message = ChatMessage;
export type HistoryPageT = HistoryPage;
export type MessageChangeT = MessageChange;
export type ChangesPageT = ChangesPage;
export type ExecutionPageT = Static<typeof ExecutionPage>;
export type LogPageT = Static<typeof LogPage>;

/**
 * Content limit in code points (CONTRACT.md "Limits"; `CONTENT_MAX` of @chat/contracts, kept
 * as a literal here so that importing a value does not pull the schemas into the bundle).
 */
export const CONTENT_MAX = 5000;
