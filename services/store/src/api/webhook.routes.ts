import { Errors } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import { applyWebhook } from '../payments/webhook.ts';
import type { StoreDeps } from '../store-deps.ts';
import { webhookSchema } from './store.schema.ts';

const bodyLimit = 16 * 1024;

/**
 * The provider's webhook: the body is kept as the bytes signed (its own JSON parser in this
 * scope), the signature checked before anything else. No token: the signature is the proof.
 */
export function registerWebhookRoutes(app: FastifyInstance, deps: StoreDeps): void {
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) =>
      done(null, body),
    );
    scope.post<{ Body: string }>(
      '/api/store/webhooks/payments',
      { schema: webhookSchema, bodyLimit },
      async (req) => {
        const provider = deps.provider;
        if (!provider) throw Errors.notFound('Payment webhooks (card payments are off)');
        const event =
          typeof req.body === 'string' ? provider.verifyWebhook(req.body, req.headers) : undefined;
        if (!event) throw Errors.badWebhookSignature();
        return { result: await applyWebhook(deps, event) };
      },
    );
  });
}
