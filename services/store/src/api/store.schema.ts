import {
  BearerAuth,
  CatalogPage,
  CatalogQuery,
  CategoryList,
  ClientErrors,
  ConfirmBody,
  CreateItemBody,
  CreateOrderBody,
  Emoticon,
  EmoticonParams,
  GrantBody,
  IdParams,
  Inventory,
  ItemParams,
  LedgerCheck,
  Order,
  OrderList,
  OrdersQuery,
  PointsBalance,
  PointsHistory,
  ReasonBody,
  SalesQuery,
  SalesSummary,
  StoreConfig,
  StoreItem,
  TopUp,
  TopUpBody,
  UpdateItemBody,
} from '@chat/contracts';
import { Type } from '@sinclair/typebox';

const user = { tags: ['store'], security: BearerAuth };
const admin = { tags: ['store', 'admin'], security: BearerAuth };
const idempotent = Type.Object({
  'idempotency-key': Type.String({ description: '8..64 of A-Z a-z 0-9 _ -' }),
});
const PageQuery = Type.Object({
  cursor: Type.Optional(Type.Integer({ minimum: 1 })),
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const configSchema = {
  ...user,
  summary: 'What this server’s store offers (card payments on or off)',
  response: { 200: StoreConfig, ...ClientErrors },
};
export const catalogSchema = {
  ...user,
  summary: 'Emoticon packs on sale, newest first; q searches title, artist and tags',
  querystring: CatalogQuery,
  response: { 200: CatalogPage, ...ClientErrors },
};
export const categoriesSchema = {
  ...user,
  summary: 'Categories of the packs on sale, with how many',
  response: { 200: CategoryList, ...ClientErrors },
};
export const itemSchema = {
  ...user,
  summary: 'A pack with its emoticons; 404 for one not on sale (admins see every pack)',
  params: ItemParams,
  response: { 200: StoreItem, ...ClientErrors },
};
export const imageSchema = {
  tags: ['store'],
  summary: 'An emoticon’s image (public): the uploaded one, or an SVG of its alt text',
  params: EmoticonParams,
};
export const placeOrderSchema = {
  ...user,
  summary:
    'Buy a pack (or gift it with giftTo): Idempotency-Key required; the same key answers the same order (200), never a second one',
  headers: idempotent,
  body: CreateOrderBody,
  response: { 200: Order, 201: Order, ...ClientErrors },
};
export const ordersSchema = {
  ...user,
  summary: 'My orders, bought and received, newest first',
  querystring: OrdersQuery,
  response: { 200: OrderList, ...ClientErrors },
};
export const orderSchema = {
  ...user,
  summary: 'An order I bought or received, with its history',
  params: IdParams,
  response: { 200: Order, ...ClientErrors },
};
export const confirmSchema = {
  ...user,
  summary: 'Confirm the card payment completed on the provider’s page (idempotent)',
  params: IdParams,
  body: ConfirmBody,
  response: { 200: Order, ...ClientErrors },
};
export const cancelSchema = {
  ...user,
  summary: 'Cancel an order not paid yet',
  params: IdParams,
  response: { 200: Order, ...ClientErrors },
};
export const refundSchema = {
  ...user,
  summary: 'Refund my purchase: within 7 days, if the pack was not used (admins: any time)',
  params: IdParams,
  body: ReasonBody,
  response: { 200: Order, ...ClientErrors },
};
export const declineSchema = {
  ...user,
  summary: 'Decline a gift I received (not used yet): the giver is refunded',
  params: IdParams,
  body: ReasonBody,
  response: { 200: Order, ...ClientErrors },
};
export const inventorySchema = {
  ...user,
  summary: 'My emoticon packs',
  response: { 200: Inventory, ...ClientErrors },
};
export const pointsSchema = {
  ...user,
  summary: 'My points: balance and movements, newest first',
  querystring: PageQuery,
  response: { 200: PointsHistory, ...ClientErrors },
};
export const topUpSchema = {
  ...user,
  summary: 'Buy points by card (Idempotency-Key required): open the payment’s checkoutUrl, then confirm',
  headers: idempotent,
  body: TopUpBody,
  response: { 200: TopUp, 201: TopUp, ...ClientErrors },
};
export const confirmTopUpSchema = {
  ...user,
  summary: 'Confirm a top-up’s card payment: the points are added',
  params: IdParams,
  body: ConfirmBody,
  response: { 200: TopUp, ...ClientErrors },
};
export const adminItemsSchema = {
  ...admin,
  summary: 'Every pack, active or not (ROLE_ADMIN)',
  querystring: PageQuery,
  response: { 200: CatalogPage, ...ClientErrors },
};
export const createItemSchema = {
  ...admin,
  summary: 'Create a pack (ROLE_ADMIN)',
  body: CreateItemBody,
  response: { 201: StoreItem, ...ClientErrors },
};
export const updateItemSchema = {
  ...admin,
  summary: 'Change a pack: price, texts, tags, sale period, active (ROLE_ADMIN)',
  params: ItemParams,
  body: UpdateItemBody,
  response: { 200: StoreItem, ...ClientErrors },
};
export const uploadImageSchema = {
  ...admin,
  summary:
    'Upload an emoticon’s image: the raw body, image/png, gif, webp or jpeg, at most 1 MiB (ROLE_ADMIN)',
  params: EmoticonParams,
  response: { 200: Emoticon, ...ClientErrors },
};
export const grantSchema = {
  ...admin,
  summary: 'Grant points to a user (Idempotency-Key required; ROLE_ADMIN)',
  headers: idempotent,
  body: GrantBody,
  response: { 201: PointsBalance, ...ClientErrors },
};
export const adminRefundSchema = {
  ...admin,
  summary: 'Refund any fulfilled order, used or not (ROLE_ADMIN)',
  params: IdParams,
  body: ReasonBody,
  response: { 200: Order, ...ClientErrors },
};
export const salesSchema = {
  ...admin,
  summary: 'Sales per pack, optionally between two days (ROLE_ADMIN)',
  querystring: SalesQuery,
  response: { 200: SalesSummary, ...ClientErrors },
};
export const ledgerCheckSchema = {
  ...admin,
  summary: 'The ledger’s invariants checked now: sum zero, balanced transactions, no drift (ROLE_ADMIN)',
  response: { 200: LedgerCheck, ...ClientErrors },
};
export const webhookSchema = {
  tags: ['store'],
  summary:
    'The payment provider’s webhook (signed: Sandbox-Signature); 200 for an event applied, seen before or stale',
};
