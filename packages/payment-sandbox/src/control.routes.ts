// /__control: change faults at run time and read the webhook deliveries (tests, benchmarks).
import { Errors } from './errors.ts';
import { parseFaults } from './faults.ts';
import { readJson, sendJson } from './http.ts';
import type { Route } from './routes.ts';
import type { Delivery, Faults } from './types.ts';

export interface ControlDeps {
  faults: () => Faults;
  setFaults: (f: Partial<Faults>) => void;
  deliveries: () => readonly Delivery[];
}

export function controlRoutes(deps: ControlDeps): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/__control\/faults$/,
      handle: (_req, res) => sendJson(res, 200, deps.faults()),
    },
    {
      method: 'POST',
      path: /^\/__control\/faults$/,
      async handle(req, res) {
        const body = await readJson(req);
        let faults: Partial<Faults>;
        try {
          faults = parseFaults(body);
        } catch (err) {
          throw Errors.invalidRequest((err as Error).message);
        }
        deps.setFaults(faults);
        sendJson(res, 200, deps.faults());
      },
    },
    {
      method: 'GET',
      path: /^\/__control\/webhooks$/,
      handle: (_req, res) => sendJson(res, 200, { deliveries: deps.deliveries() }),
    },
  ];
}
