// Public surface of @chat/contracts: schemas shared across services, events and client interfaces.

export {
  ChangePasswordBody,
  ChatExport,
  DeleteAccountBody,
  ExportedMessage,
  ExportedRoom,
  ProfileExport,
  SessionInfo,
  SessionInfoList,
  SessionParams,
} from './account.ts';
export {
  AuthResponse,
  LoginBody,
  LogoutBody,
  PASSWORD_MAX,
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN,
  Password,
  RefreshBody,
  SignupBody,
} from './auth.ts';
export {
  ATTACHMENT_ID_PATTERN,
  ATTACHMENT_NAME_MAX,
  AttachmentId,
  AttachmentKind,
  AttachmentParams,
  AttachmentRef,
  MessageAttachment,
} from './chat/attachments.ts';
export {
  ChangeAccepted,
  ChangeKind,
  ChangesPage,
  ChangesQuery,
  ChatMessage,
  ChatMessageList,
  CONTENT_MAX,
  EditBody,
  HISTORY_PAGE_DEFAULT,
  HISTORY_PAGE_MAX,
  HistoryPage,
  HistoryQuery,
  MessageChange,
  MessageParams,
  MessageType,
  ReactBody,
  ReactionName,
  ReactionSet,
  SEARCH_QUERY_MAX,
  SearchQuery,
  SystemEvent,
  SystemEventType,
  UnsendQuery,
} from './chat/messages.ts';
export {
  BroadcastMessage,
  ChangeBroadcast,
  ChangeCommand,
  decodeChangeBroadcast,
  decodeMembershipChanged,
  decodeMessageBroadcast,
  decodeMessageCommand,
  decodePresenceEvent,
  decodeReadReceipt,
  decodeRoomListNotice,
  decodeTypingEvent,
  decodeUserControl,
  isChangeCommand,
  type LogCommand,
  MembershipChanged,
  MessageBroadcast,
  MessageCommand,
  RoomListNotice,
  UserControlNotice,
} from './chat/pubsub.ts';
export {
  PushKey,
  PushPayload,
  PushSettingsBody,
  PushSubscriptionBody,
  PushUnsubscribeBody,
} from './chat/push.ts';
export {
  PresenceEvent,
  PresenceStatus,
  ReadCommand,
  ReadReceipt,
  RoomEvent,
  RoomEventType,
  SendBody,
  StompErrorPayload,
  TypingCommand,
  TypingEvent,
} from './chat/realtime.ts';
export {
  BlockedUserList,
  CreateDirectBody,
  CreateGroupBody,
  GROUP_INVITE_MAX,
  InviteBody,
  LastSeenList,
  MemberParams,
  OwnerBody,
  PrivacyBody,
  ReadBody,
  ROOM_NAME_MAX,
  RoomDetail,
  RoomParams,
  RoomPatchBody,
  RoomSettingsBody,
  RoomSummary,
  RoomSummaryList,
  RoomType,
  UserParams,
} from './chat/rooms.ts';
export {
  MessageSearchHit,
  MessageSearchPage,
  MessageSearchQuery,
  SearchHitRoom,
} from './chat/search.ts';
export { createChecker, SchemaMismatchError } from './checker.ts';
export type {
  AuthAdminClient,
  AuthCredentialsClient,
  AuthRevocationClient,
  PasswordVerdict,
  TokenRevocationQuery,
} from './clients/auth-client.ts';
export {
  authInternalPaths,
  PasswordCheckAnswer,
  PasswordCheckBody,
  RevocationCheckAnswer,
  RevocationCheckBody,
} from './clients/auth-internal-api.ts';
export { CreateUserInput, UserAccount, type UsersClient } from './clients/users-client.ts';
export {
  ByEmailQuery,
  INTERNAL_TOKEN_HEADER,
  ProfilesBody,
  SetRoleBody,
  usersInternalPaths,
} from './clients/users-internal-api.ts';
export { DateTime, ErrorBody, Id, IdParams, Nullable, StringEnum } from './common.ts';
export {
  ERRORS,
  type ErrorCode,
  type ErrorRow,
  HTTP_ERROR_STATUS,
  type HttpErrorCode,
  isErrorCode,
  isHttpErrorCode,
  type StompErrorCode,
} from './errors.ts';
export {
  decodeSessionRevoked,
  SESSION_REVOKED_CHANNEL,
  SessionRevokedNotice,
} from './events/session-revoked.ts';
export {
  decodeUserEvent,
  encodeUserEvent,
  USERS_EVENTS_TOPIC,
  UserCreated,
  UserDeleted,
  UserEvent,
  type UserEventType,
  UserProfileUpdated,
  UserStatusChanged,
} from './events/user-events.ts';
export { FREE_TEXT_LINE_PATTERN, isHttpUrl, NAME_PATTERN, normalizeName } from './text.ts';
export {
  EMAIL_MAX,
  Email,
  MyProfile,
  NICKNAME_MAX,
  Nickname,
  PublicProfile,
  PublicProfileList,
  SEARCH_SIZE_DEFAULT,
  SEARCH_SIZE_MAX,
  SetUserStatusBody,
  UpdateMyProfileBody,
  USER_ROLES,
  USER_STATUSES,
  UserRole,
  UserSearchQuery,
  UserStatus,
} from './users.ts';
