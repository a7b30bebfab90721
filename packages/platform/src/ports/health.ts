/**
 * Health of one dependency, as `/actuator/health` reports it. DEGRADED: the instance still
 * serves without it (e.g. another service behind an open circuit breaker), so the whole stays
 * UP and ready; the component shows what is missing.
 */
export interface ComponentHealth {
  status: 'UP' | 'DEGRADED' | 'DOWN';
  details: { adapter: string; [key: string]: unknown };
}

/** Every adapter reports its own health and can be closed. */
export interface Component {
  readonly adapter: string;
  health(): Promise<ComponentHealth>;
  close(): Promise<void>;
}
