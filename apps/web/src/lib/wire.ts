// The wire types the client speaks, from @chat/contracts (shared with the server, never
// re-typed by hand). Type-only imports: nothing of the schema libraries reaches the bundle.

import type {
  AuthResponse,
  CatalogPage,
  CategoryList,
  ChangesPage,
  ChatExport,
  ChatMessage,
  CreateItemBody,
  DailySales,
  DailyStatistics,
  Emoticon,
  ErrorBody,
  ExecutionDetail,
  ExecutionPage,
  ExecutionSummary,
  HistoryPage,
  HttpErrorCode,
  Inventory,
  JobSummary,
  LogPage,
  MessageAttachment,
  MessageChange,
  MessageEmoticon,
  MessageSearchHit,
  MessageSearchPage,
  MyProfile,
  Order,
  OrderList,
  OrderStatus,
  OwnedPack,
  PaymentMethod,
  PointsHistory,
  ProfileExport,
  PublicProfile,
  ReadReceipt,
  RoomDetail,
  RoomEvent,
  RoomSummary,
  SalesSummary,
  SessionInfo,
  StompErrorPayload as StompErrorBody,
  StompErrorCode,
  StoreConfig,
  StoreItem,
  StoreItemSummary,
  UpdateItemBody,
} from '@chat/contracts';
import type { Static } from '@sinclair/typebox';

// The store (emoticon shop).
export type {
  AuthResponse,
  CatalogPage,
  CategoryList,
  ChatExport,
  CreateItemBody,
  DailySales,
  DailyStatistics,
  Emoticon,
  ExecutionDetail,
  ExecutionSummary,
  HttpErrorCode,
  Inventory,
  JobSummary,
  MessageAttachment,
  MessageEmoticon,
  MessageSearchHit,
  MessageSearchPage,
  MyProfile,
  Order,
  OrderList,
  OrderStatus,
  OwnedPack,
  PaymentMethod,
  PointsHistory,
  ProfileExport,
  PublicProfile,
  ReadReceipt,
  RoomDetail,
  RoomEvent,
  RoomSummary,
  SalesSummary,
  SessionInfo,
  StompErrorCode,
  StoreConfig,
  StoreItem,
  StoreItemSummary,
  UpdateItemBody,
};
export type LedgerEntryT = PointsHistory['entries'][number];
export type ItemSalesT = SalesSummary['items'][number];
export type OrderTransitionT = Order['transitions'][number];

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
