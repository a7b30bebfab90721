import { describe, it } from 'node:test';
import { uniqueName } from '../../src/testing/services.ts';
import { deliveryCases } from './event-log.contract-delivery.ts';
import { failureCases } from './event-log.contract-failure.ts';
import type { ContractCase, EventLogFixture } from './event-log.contract-kit.ts';

export type { EventLogFixture } from './event-log.contract-kit.ts';

export interface ContractOptions {
  /** `false` to run, or the reason to skip (from `skipUnless`). */
  skip?: false | string;
}

/** Behaviour every EventLog adapter must have (see the port's doc comment). */
export function eventLogContract(
  name: string,
  make: () => Promise<EventLogFixture>,
  opts: ContractOptions = {},
): void {
  describe(`EventLog contract: ${name}`, { skip: opts.skip }, () => {
    const withLog: ContractCase = (title, fn) =>
      it(title, async () => {
        const fx = await make();
        try {
          await fn(await fx.open(), fx, uniqueName('topic'));
        } finally {
          await fx.cleanup();
        }
      });
    deliveryCases(withLog);
    failureCases(withLog);
  });
}
