import { type Static, Type } from '@sinclair/typebox';
import { createChecker } from './checker.ts';
import { DateTime, Id, Nullable, StringEnum } from './common.ts';

// The store service's wire shapes (docs/services/store.md): the emoticon shop's items, orders,
// payments, points and inventory under /api/store/**, and the events it appends to the log.

/** Prices, amounts and balances are whole points (1 point = 1 KRW when paid by card). */
export const PRICE_MAX = 1_000_000;
export const GRANT_MAX = 10_000_000;
export const TOP_UP_MIN = 1_000;
export const TOP_UP_MAX = 1_000_000;
/** A pack holds 1..EMOTICONS_MAX emoticons. */
export const EMOTICONS_MAX = 32;
export const GIFT_MESSAGE_MAX = 200;
/** Days after purchase during which a buyer may refund an unused pack. */
export const REFUND_WINDOW_DAYS = 7;
/** An emoticon image's largest size, in bytes. */
export const EMOTICON_IMAGE_MAX = 1_048_576;
export const EMOTICON_IMAGE_TYPES = ['image/png', 'image/gif', 'image/webp', 'image/jpeg'] as const;

export const Points = Type.Integer({ minimum: 0, maximum: PRICE_MAX });

/** `Idempotency-Key` header: client-chosen, unique per intended operation. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_-]{8,64}$';

// ---------------------------------------------------------------------------------- items

export const Emoticon = Type.Object({
  /** Position in the pack, from 0. */
  index: Type.Integer({ minimum: 0 }),
  /** What the emoticon shows when there is no image, and its text in text-only clients. */
  alt: Type.String({ minLength: 1, maxLength: 16 }),
  /**
   * `/api/store/items/{id}/emoticons/{index}/image`: the uploaded image, or until one is
   * uploaded an SVG drawing of `alt`. Public (no token), like any shop's images.
   */
  imageUrl: Type.String(),
});
export type Emoticon = Static<typeof Emoticon>;

export const StoreItemSummary = Type.Object({
  id: Id,
  title: Type.String(),
  artist: Type.String(),
  price: Points,
  category: Type.String(),
  tags: Type.Array(Type.String()),
  /** The first emoticon, shown on catalog cards. */
  cover: Emoticon,
  /** Whether it can be bought now (active and within its sale period). */
  onSale: Type.Boolean(),
  /** Whether the caller holds it. */
  owned: Type.Boolean(),
});
export type StoreItemSummary = Static<typeof StoreItemSummary>;

export const StoreItem = Type.Intersect([
  StoreItemSummary,
  Type.Object({
    description: Type.String(),
    emoticons: Type.Array(Emoticon),
    active: Type.Boolean(),
    saleStartsAt: Nullable(DateTime),
    saleEndsAt: Nullable(DateTime),
    createdAt: DateTime,
  }),
]);
export type StoreItem = Static<typeof StoreItem>;

/** `GET /api/store/items?q=&category=&cursor=&size=` (q matches title, artist and tags). */
export const CatalogQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
  cursor: Type.Optional(Id),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type CatalogQuery = Static<typeof CatalogQuery>;

export const CatalogPage = Type.Object({
  items: Type.Array(StoreItemSummary),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: Nullable(Id),
});
export type CatalogPage = Static<typeof CatalogPage>;

export const CategoryList = Type.Object({
  categories: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer({ minimum: 0 }) })),
});
export type CategoryList = Static<typeof CategoryList>;

/** `POST /api/store/admin/items`. */
export const CreateItemBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 60 }),
    artist: Type.String({ minLength: 1, maxLength: 40 }),
    description: Type.String({ maxLength: 1000 }),
    price: Points,
    category: Type.String({ minLength: 1, maxLength: 30 }),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 }),
    emoticons: Type.Array(Type.Object({ alt: Type.String({ minLength: 1, maxLength: 16 }) }), {
      minItems: 1,
      maxItems: EMOTICONS_MAX,
    }),
    active: Type.Optional(Type.Boolean()),
    saleStartsAt: Type.Optional(Nullable(DateTime)),
    saleEndsAt: Type.Optional(Nullable(DateTime)),
  },
  { additionalProperties: false },
);
export type CreateItemBody = Static<typeof CreateItemBody>;

/** `PATCH /api/store/admin/items/{id}`: any of the fields (emoticons cannot change once sold). */
export const UpdateItemBody = Type.Partial(
  Type.Object(
    {
      title: Type.String({ minLength: 1, maxLength: 60 }),
      artist: Type.String({ minLength: 1, maxLength: 40 }),
      description: Type.String({ maxLength: 1000 }),
      price: Points,
      category: Type.String({ minLength: 1, maxLength: 30 }),
      tags: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 }),
      active: Type.Boolean(),
      saleStartsAt: Nullable(DateTime),
      saleEndsAt: Nullable(DateTime),
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateItemBody = Static<typeof UpdateItemBody>;

export const ItemParams = Type.Object({ id: Id });
export const EmoticonParams = Type.Object({
  id: Id,
  index: Type.Integer({ minimum: 0, maximum: EMOTICONS_MAX - 1 }),
});

/** `GET /api/store/config`: what this server's store offers. */
export const StoreConfig = Type.Object({
  /** Whether card payments (and top-ups) are configured; points always work. */
  cardPayments: Type.Boolean(),
});
export type StoreConfig = Static<typeof StoreConfig>;

// ---------------------------------------------------------------------------------- orders

export const ORDER_STATUSES = ['CREATED', 'PAID', 'FULFILLED', 'CANCELLED', 'REFUNDED'] as const;
export const OrderStatus = StringEnum(ORDER_STATUSES);
export type OrderStatus = Static<typeof OrderStatus>;

export const PaymentMethod = StringEnum(['POINTS', 'CARD'] as const);
export type PaymentMethod = Static<typeof PaymentMethod>;

/** `POST /api/store/orders` (header `Idempotency-Key` required). */
export const CreateOrderBody = Type.Object(
  {
    itemId: Id,
    method: PaymentMethod,
    /** A gift: the friend who receives the pack (not the buyer). */
    giftTo: Type.Optional(Id),
    giftMessage: Type.Optional(Type.String({ maxLength: GIFT_MESSAGE_MAX })),
  },
  { additionalProperties: false },
);
export type CreateOrderBody = Static<typeof CreateOrderBody>;

/** One step of an order's history: who moved it and why. */
export const OrderTransition = Type.Object({
  from: Nullable(OrderStatus),
  to: OrderStatus,
  /** `user:{id}`, `admin:{id}`, `system` or `provider`. */
  actor: Type.String(),
  reason: Type.String(),
  at: DateTime,
});
export type OrderTransition = Static<typeof OrderTransition>;

/** A card payment's client side: open `checkoutUrl`, then confirm with `paymentKey`. */
export const PaymentStart = Type.Object({
  paymentKey: Type.String(),
  checkoutUrl: Type.String(),
  amount: Points,
  status: StringEnum(['READY', 'CONFIRMED', 'FAILED', 'CANCELLED'] as const),
});
export type PaymentStart = Static<typeof PaymentStart>;

export const Order = Type.Object({
  id: Id,
  status: OrderStatus,
  buyerId: Id,
  /** The gift's receiver, or null when bought for oneself. */
  recipientId: Nullable(Id),
  giftMessage: Nullable(Type.String()),
  item: Type.Object({ id: Id, title: Type.String(), cover: Emoticon }),
  price: Points,
  method: PaymentMethod,
  /** CARD orders: the payment to complete; null for POINTS. */
  payment: Nullable(PaymentStart),
  createdAt: DateTime,
  /** Until when the buyer may refund (if the pack stays unused); null once not refundable. */
  refundableUntil: Nullable(DateTime),
  transitions: Type.Array(OrderTransition),
});
export type Order = Static<typeof Order>;

export const OrderList = Type.Object({ orders: Type.Array(Order), nextCursor: Nullable(Id) });
export type OrderList = Static<typeof OrderList>;

export const OrdersQuery = Type.Object({
  cursor: Type.Optional(Id),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

/** `POST /api/store/orders/{id}/confirm`: the card payment the provider authorised. */
export const ConfirmBody = Type.Object(
  { paymentKey: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type ConfirmBody = Static<typeof ConfirmBody>;

/** Refunds and cancels: an optional reason (admins should give one). */
export const ReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------- points

export const PointsBalance = Type.Object({ balance: Type.Integer({ minimum: 0 }) });

export const LedgerEntry = Type.Object({
  id: Id,
  /** Positive: points in; negative: points out. */
  amount: Type.Integer(),
  kind: StringEnum(['GRANT', 'TOP_UP', 'PURCHASE', 'REFUND'] as const),
  reason: Type.String(),
  orderId: Nullable(Id),
  at: DateTime,
});
export const PointsHistory = Type.Object({
  balance: Type.Integer({ minimum: 0 }),
  entries: Type.Array(LedgerEntry),
  nextCursor: Nullable(Id),
});
export type PointsHistory = Static<typeof PointsHistory>;

/** `POST /api/store/points/top-ups` (Idempotency-Key): a card payment of `amount` points. */
export const TopUpBody = Type.Object(
  { amount: Type.Integer({ minimum: TOP_UP_MIN, maximum: TOP_UP_MAX }) },
  { additionalProperties: false },
);
export const TopUp = Type.Object({
  id: Id,
  amount: Type.Integer(),
  /** REVERSED: the payment was cancelled at the provider afterwards, the points taken back. */
  status: StringEnum(['PENDING', 'COMPLETED', 'FAILED', 'REVERSED'] as const),
  payment: PaymentStart,
});
export type TopUp = Static<typeof TopUp>;

/** `POST /api/store/admin/points/grants` (Idempotency-Key). */
export const GrantBody = Type.Object(
  {
    userId: Id,
    amount: Type.Integer({ minimum: 1, maximum: GRANT_MAX }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

/** `GET /api/store/admin/ledger/check`: the ledger's invariants, as checked now. */
export const LedgerCheck = Type.Object({
  /** Sum of every entry: 0 unless money was created or lost. */
  sum: Type.Integer(),
  /** Transactions whose entries do not sum to 0. */
  unbalancedTransactions: Type.Integer({ minimum: 0 }),
  /** Accounts whose stored balance differs from the sum of their entries. */
  driftedAccounts: Type.Integer({ minimum: 0 }),
  /** User accounts below zero. */
  negativeBalances: Type.Integer({ minimum: 0 }),
});
export type LedgerCheck = Static<typeof LedgerCheck>;

// ---------------------------------------------------------------------------------- inventory

export const OwnedPack = Type.Object({
  itemId: Id,
  title: Type.String(),
  artist: Type.String(),
  emoticons: Type.Array(Emoticon),
  orderId: Id,
  /** A gift: who gave it. */
  giftFrom: Nullable(Id),
  acquiredAt: DateTime,
  /** When it was first sent in a chat (a used pack cannot be refunded by its buyer). */
  usedAt: Nullable(DateTime),
});
export type OwnedPack = Static<typeof OwnedPack>;

export const Inventory = Type.Object({ packs: Type.Array(OwnedPack) });
export type Inventory = Static<typeof Inventory>;

// ---------------------------------------------------------------------------------- sales

export const SalesQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
});
export const ItemSales = Type.Object({
  itemId: Id,
  title: Type.String(),
  orders: Type.Integer({ minimum: 0 }),
  gifts: Type.Integer({ minimum: 0 }),
  refunds: Type.Integer({ minimum: 0 }),
  /** Points of fulfilled orders minus refunds. */
  revenue: Type.Integer(),
});
export const SalesSummary = Type.Object({ items: Type.Array(ItemSales) });
export type SalesSummary = Static<typeof SalesSummary>;

/** One day's sales, as the batch service's `daily-sales` job records them. */
export const DailySales = Type.Object({
  day: Type.String({ format: 'date' }),
  orders: Type.Integer({ minimum: 0 }),
  gifts: Type.Integer({ minimum: 0 }),
  refunds: Type.Integer({ minimum: 0 }),
  revenue: Type.Integer(),
  buyers: Type.Integer({ minimum: 0 }),
});
export type DailySales = Static<typeof DailySales>;

// ---------------------------------------------------------------------------------- events

/**
 * Log topic of the store's events. Order events are keyed `order:{id}`, inventory `user:{id}`,
 * payments to give back `payment:{key}`.
 */
export const STORE_EVENTS_TOPIC = 'store.events';

const envelope = { eventId: Type.String({ minLength: 1 }), occurredAt: Type.Integer({ minimum: 0 }) };
const orderFacts = {
  orderId: Id,
  buyerId: Id,
  recipientId: Nullable(Id),
  itemId: Id,
  amount: Type.Integer({ minimum: 0 }),
  method: PaymentMethod,
};

export const OrderPaid = Type.Object({ type: Type.Literal('OrderPaid'), ...envelope, ...orderFacts });
export const OrderFulfilled = Type.Object({
  type: Type.Literal('OrderFulfilled'),
  ...envelope,
  ...orderFacts,
  itemTitle: Type.String(),
  giftMessage: Nullable(Type.String()),
});
export const OrderRefunded = Type.Object({
  type: Type.Literal('OrderRefunded'),
  ...envelope,
  ...orderFacts,
  reason: Type.String(),
});
/**
 * A user's holding of a pack changed. `version` increases with every change of any holding:
 * a view applies an event only over a lower version, so replays and reordering change nothing.
 */
export const InventoryChanged = Type.Object({
  type: Type.Literal('InventoryChanged'),
  ...envelope,
  userId: Id,
  itemId: Id,
  owned: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
  /** The pack's title and emoticons (what chat needs to show and check an EMOTICON message). */
  pack: Type.Object({
    title: Type.String(),
    emoticons: Type.Array(Type.Object({ alt: Type.String() })),
  }),
});

/**
 * The provider captured money the store must give back (the order was cancelled before its
 * payment completed): the saga cancels the payment at the provider, retrying until it succeeds.
 */
export const PaymentReturnDue = Type.Object({
  type: Type.Literal('PaymentReturnDue'),
  ...envelope,
  paymentKey: Type.String({ minLength: 1 }),
  amount: Type.Integer({ minimum: 0 }),
  reason: Type.String(),
});

export const StoreEvent = Type.Union([
  OrderPaid,
  OrderFulfilled,
  OrderRefunded,
  InventoryChanged,
  PaymentReturnDue,
]);
export type OrderPaid = Static<typeof OrderPaid>;
export type OrderFulfilled = Static<typeof OrderFulfilled>;
export type OrderRefunded = Static<typeof OrderRefunded>;
export type InventoryChanged = Static<typeof InventoryChanged>;
export type PaymentReturnDue = Static<typeof PaymentReturnDue>;
export type StoreEvent = Static<typeof StoreEvent>;

const checkStoreEvent = createChecker(StoreEvent, 'store event');

export function encodeStoreEvent(event: StoreEvent): string {
  return JSON.stringify(event);
}

/** Parses and validates a log record's value; throws SchemaMismatchError (or SyntaxError). */
export function decodeStoreEvent(value: Uint8Array | string): StoreEvent {
  const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  return checkStoreEvent(JSON.parse(text));
}

/**
 * Log topic on which chat reports the first time a user sent an emoticon of a pack (keyed
 * `user:{id}`): the store marks the pack used, which ends its buyer's refund right.
 */
export const EMOTICON_USAGE_TOPIC = 'chat.emoticon-usage';

export const EmoticonUsed = Type.Object({
  type: Type.Literal('EmoticonUsed'),
  ...envelope,
  userId: Id,
  itemId: Id,
  /** When the message was sent, epoch millis. */
  usedAt: Type.Integer({ minimum: 0 }),
});
export type EmoticonUsed = Static<typeof EmoticonUsed>;

const checkEmoticonUsed = createChecker(EmoticonUsed, 'emoticon used event');

export function decodeEmoticonUsed(value: Uint8Array | string): EmoticonUsed {
  const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
  return checkEmoticonUsed(JSON.parse(text));
}
