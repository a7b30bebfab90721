// The API documentation: one OpenAPI document collected from the route schemas of the services
// this process runs (@fastify/swagger), and Swagger UI over it at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_VERSION = '0.1.0';

/** Collects every route added after it into app.swagger(): register before the routes. */
export async function collectOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'chat-platform', version: OPENAPI_VERSION },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  });
}

/**
 * `/docs`: Swagger UI (its scripts and styles are files, so it runs under the same CSP as the
 * web client); `/docs/openapi.json` (and the UI's own `/docs/json`): the document.
 */
export async function mountApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    theme: { title: 'chat-platform API' },
    // BaseLayout: no top bar, whose Swagger logo is an SVG with an inline <style> the CSP refuses.
    // Collapsed: expanded, a document of this size (150+ operations) stops rendering.
    uiConfig: { layout: 'BaseLayout', deepLinking: true, displayRequestDuration: true, docExpansion: 'none' },
  });
  app.get('/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
