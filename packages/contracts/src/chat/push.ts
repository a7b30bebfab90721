import { type Static, Type } from '@sinclair/typebox';

// Web Push (CONTRACT.md "Notifications"): a browser's subscription (the PushSubscription's
// JSON), the server's public VAPID key to subscribe with, and a user's notification settings.

/** `GET /api/push/key`: the application server key (VAPID public key, base64url). */
export const PushKey = Type.Object({ publicKey: Type.String() });
export type PushKey = Static<typeof PushKey>;

/** `POST /api/push/subscriptions`: `PushSubscription.toJSON()` as the browser gives it. */
export const PushSubscriptionBody = Type.Object({
  endpoint: Type.String({ minLength: 1, maxLength: 2048 }),
  keys: Type.Object({
    p256dh: Type.String({ minLength: 1, maxLength: 200 }),
    auth: Type.String({ minLength: 1, maxLength: 100 }),
  }),
  expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});
export type PushSubscriptionBody = Static<typeof PushSubscriptionBody>;

/** `DELETE /api/push/subscriptions`: the endpoint to forget. */
export const PushUnsubscribeBody = Type.Object({ endpoint: Type.String({ minLength: 1, maxLength: 2048 }) });
export type PushUnsubscribeBody = Static<typeof PushUnsubscribeBody>;

/** Minutes after local midnight (0..1439). */
const Minute = Type.Integer({ minimum: 0, maximum: 1439 });

/**
 * `GET`/`PUT /api/push/settings`: whether notifications show the message (else only who wrote
 * where), and quiet hours in the user's time zone (both null: none; start > end spans midnight).
 */
export const PushSettingsBody = Type.Object({
  previews: Type.Boolean(),
  dndStart: Type.Union([Minute, Type.Null()]),
  dndEnd: Type.Union([Minute, Type.Null()]),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
});
export type PushSettingsBody = Static<typeof PushSettingsBody>;

/**
 * What a push message carries (encrypted, RFC 8291) for the service worker to show: the room,
 * who wrote, the text unless the user hid previews (null), and whether it mentions them.
 */
export const PushPayload = Type.Object({
  roomId: Type.Integer(),
  roomName: Type.Union([Type.String(), Type.Null()]),
  direct: Type.Boolean(),
  senderNickname: Type.String(),
  preview: Type.Union([Type.String(), Type.Null()]),
  mentioned: Type.Boolean(),
  messageId: Type.Integer(),
});
export type PushPayload = Static<typeof PushPayload>;

/**
 * The push of a social notification (`type: 'social'`): its kind, who did it and what it is
 * about; the service worker words it and opens the page it points to.
 */
export const SocialPushPayload = Type.Object({
  type: Type.Literal('social'),
  notificationId: Type.Integer(),
  kind: Type.String(),
  actorId: Type.Integer(),
  actorNickname: Type.String(),
  postId: Type.Union([Type.Integer(), Type.Null()]),
  entryId: Type.Union([Type.Integer(), Type.Null()]),
  reaction: Type.Union([Type.String(), Type.Null()]),
});
export type SocialPushPayload = Static<typeof SocialPushPayload>;
