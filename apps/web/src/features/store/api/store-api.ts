// The store's routes (`/api/store/**`, docs/services/store.md) as typed calls over the app's
// HTTP client: bearer token, refresh and the contract's errors come from it.
import type { TopUp } from '@chat/contracts';
import type { Api } from '../../../lib/http.ts';
import type {
  CatalogPage,
  CategoryList,
  CreateItemBody,
  DailySales,
  Inventory,
  Order,
  OrderList,
  PointsHistory,
  SalesSummary,
  StoreConfig,
  StoreItem,
  UpdateItemBody,
} from '../../../lib/wire.ts';
import { uuid } from '../../../utils/uuid.ts';
import { type CatalogFilter, catalogPath } from '../state/catalog.ts';
import { orderBody, type PurchaseIntent } from '../state/purchase.ts';
import type { TopUpIntent } from '../state/top-up.ts';

const idem = (key: string) => ({ headers: { 'Idempotency-Key': key } });

export function storeApi(api: Api) {
  return {
    config: () => api.request<StoreConfig>('GET', '/api/store/config'),
    catalog: (filter: CatalogFilter, cursor?: number | null) =>
      api.request<CatalogPage>('GET', catalogPath(filter, cursor)),
    categories: () => api.request<CategoryList>('GET', '/api/store/categories'),
    item: (id: number) => api.request<StoreItem>('GET', `/api/store/items/${id}`),

    /** A purchase: the same intent (same key) again replays the first order, never a second. */
    order: (intent: PurchaseIntent) =>
      api.request<Order>('POST', '/api/store/orders', orderBody(intent), idem(intent.key)),
    orders: (cursor?: number | null) =>
      api.request<OrderList>('GET', `/api/store/orders?size=20${cursor ? `&cursor=${cursor}` : ''}`),
    getOrder: (id: number) => api.request<Order>('GET', `/api/store/orders/${id}`),
    confirm: (id: number, paymentKey: string) =>
      api.request<Order>('POST', `/api/store/orders/${id}/confirm`, { paymentKey }),
    cancel: (id: number) => api.request<Order>('POST', `/api/store/orders/${id}/cancel`, {}),
    refund: (id: number, reason?: string) =>
      api.request<Order>('POST', `/api/store/orders/${id}/refund`, reason ? { reason } : {}),
    decline: (id: number) => api.request<Order>('POST', `/api/store/orders/${id}/decline`, {}),

    inventory: () => api.request<Inventory>('GET', '/api/store/me/emoticons'),
    points: (cursor?: number | null) =>
      api.request<PointsHistory>('GET', `/api/store/me/points${cursor ? `?cursor=${cursor}` : ''}`),
    /** A card top-up: the same intent (same key) again answers the first top-up, never a second. */
    topUp: (intent: TopUpIntent) =>
      api.request<TopUp>('POST', '/api/store/points/top-ups', { amount: intent.amount }, idem(intent.key)),
    confirmTopUp: (id: number, paymentKey: string) =>
      api.request<TopUp>('POST', `/api/store/points/top-ups/${id}/confirm`, { paymentKey }),

    admin: {
      items: (cursor?: number | null) =>
        api.request<CatalogPage>('GET', `/api/store/admin/items?size=50${cursor ? `&cursor=${cursor}` : ''}`),
      create: (body: CreateItemBody) => api.request<StoreItem>('POST', '/api/store/admin/items', body),
      update: (id: number, body: UpdateItemBody) =>
        api.request<StoreItem>('PATCH', `/api/store/admin/items/${id}`, body),
      uploadImage: (id: number, index: number, image: Blob) =>
        api.request<unknown>('PUT', `/api/store/admin/items/${id}/emoticons/${index}/image`, image),
      /** `key`: one per grant the administrator means (a retry of it reuses it). */
      grant: (body: { userId: number; amount: number; reason: string }, key: string = uuid()) =>
        api.request<unknown>('POST', '/api/store/admin/points/grants', body, idem(key)),
      sales: () => api.request<SalesSummary>('GET', '/api/store/admin/sales'),
      dailySales: (from: string, to: string) =>
        api.request<{ days: DailySales[] }>('GET', `/api/batch/reports/daily-sales?from=${from}&to=${to}`),
    },
  };
}

export type StoreApi = ReturnType<typeof storeApi>;
