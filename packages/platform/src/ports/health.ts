/** Health of one dependency, as `/actuator/health` reports it. */
export interface ComponentHealth {
  status: 'UP' | 'DOWN';
  details: { adapter: string; [key: string]: unknown };
}

/** Every adapter reports its own health and can be closed. */
export interface Component {
  readonly adapter: string;
  health(): Promise<ComponentHealth>;
  close(): Promise<void>;
}
