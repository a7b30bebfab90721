import type { Component, ComponentHealth } from '@chat/platform';
import type { HttpCaller } from './http-caller.ts';

/**
 * Another service, as this process's health sees it through the caller's circuit breaker:
 * UP while the circuit is closed; DEGRADED while it is open or half-open (calls to it fail
 * fast, the process serves what it can without it). Reports what the calls found, no probing.
 */
export function callerHealth(caller: HttpCaller, baseUrl: string): Component {
  return {
    adapter: 'http',
    async health(): Promise<ComponentHealth> {
      const breaker = caller.state();
      return {
        status: breaker === 'closed' ? 'UP' : 'DEGRADED',
        details: { adapter: 'http', breaker, baseUrl },
      };
    },
    async close() {
      caller.breaker.shutdown();
    },
  };
}
