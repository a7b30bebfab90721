// What the API and the checkout page do to a payment, faults included. Each step from reading
// a payment's status to changing it runs without an await, so concurrent calls cannot both pass.
import { Errors } from './errors.ts';
import type { PaymentRecord, PaymentStore } from './payments.ts';
import type { Faults } from './types.ts';

export interface OperationDeps {
  store: PaymentStore;
  faults: () => Faults;
  random: () => number;
  /** Resolves after `ms`; rejects when the sandbox closes. */
  sleep: (ms: number) => Promise<void>;
}

export type Operations = ReturnType<typeof createOperations>;

export function createOperations({ store, faults, random, sleep }: OperationDeps) {
  const find = (paymentKey: string): PaymentRecord => {
    const payment = store.get(paymentKey);
    if (!payment) throw Errors.notFound('payment');
    return payment;
  };
  const roll = (rate: number): boolean => rate > 0 && random() < rate;

  return {
    find,

    /** The card holder pays (checkout page or `/authorize`): READY -> AUTHORIZED; again: no-op. */
    authorize(paymentKey: string): PaymentRecord {
      const p = find(paymentKey);
      if (p.status === 'READY') store.authorize(p);
      else if (p.status !== 'AUTHORIZED') throw Errors.invalidState(p.status, 'authorize');
      return p;
    },

    /** The card holder declines on the checkout page: READY/AUTHORIZED -> FAILED; again: no-op. */
    decline(paymentKey: string): PaymentRecord {
      const p = find(paymentKey);
      if (p.status === 'READY' || p.status === 'AUTHORIZED')
        store.fail(p, 'USER_DECLINED', 'the card holder declined the payment');
      else if (p.status !== 'FAILED') throw Errors.invalidState(p.status, 'decline');
      return p;
    },

    /** The merchant confirms: AUTHORIZED -> DONE (or FAILED when declined); DONE again: the same. */
    async confirm(paymentKey: string, amount: number): Promise<PaymentRecord> {
      find(paymentKey);
      const delay = faults().confirmDelayMs;
      if (delay > 0) await sleep(delay);
      const f = faults();
      const p = find(paymentKey);
      if (roll(f.confirmErrorRate)) throw Errors.providerError('confirmErrorRate');
      switch (p.status) {
        case 'READY':
          throw Errors.notAuthorized();
        case 'CANCELED':
          throw Errors.alreadyCanceled();
        case 'FAILED':
          throw Errors.declined(p.failure?.code, p.failure?.message);
        case 'DONE':
          if (amount !== p.amount) throw Errors.amountMismatch();
          return p;
        case 'AUTHORIZED':
          break;
      }
      if (amount !== p.amount) throw Errors.amountMismatch();
      const overLimit = f.declineAmountsAbove !== null && amount > f.declineAmountsAbove;
      if (overLimit || roll(f.declineRate)) {
        const err = Errors.declined();
        store.fail(p, err.code, err.message);
        throw err;
      }
      store.complete(p);
      if (f.confirmErrorAfterCommit) throw Errors.providerError('confirmErrorAfterCommit');
      return p;
    },

    /** The merchant refunds: DONE -> CANCELED; again: the same. */
    cancel(paymentKey: string, reason: string): PaymentRecord {
      const p = find(paymentKey);
      if (p.status === 'DONE') store.cancel(p, reason);
      else if (p.status !== 'CANCELED') throw Errors.notCancelable(p.status);
      return p;
    },
  };
}
