# syntax=docker/dockerfile:1
# One image for every service of the chat platform: the container runs the services named by
# SERVICES (or --service=NAME), e.g. SERVICES=chat. Build: `docker build -t chat-platform .`
# Run and deploy: docs/deployment.md (deploy/compose, deploy/k8s).

# ---- build: every dependency, then the web client (apps/web/dist) ---------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /src
# The lockfile and every workspace's package.json first, so the install layer is cached until
# a dependency changes.
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY bench/package.json bench/
COPY packages/clients/package.json packages/clients/
COPY packages/contracts/package.json packages/contracts/
COPY packages/images/package.json packages/images/
COPY packages/payment-sandbox/package.json packages/payment-sandbox/
COPY packages/platform/package.json packages/platform/
COPY packages/security/package.json packages/security/
COPY packages/stomp/package.json packages/stomp/
COPY packages/testing/package.json packages/testing/
COPY services/auth/package.json services/auth/
COPY services/batch/package.json services/batch/
COPY services/chat/package.json services/chat/
COPY services/gateway/package.json services/gateway/
COPY services/store/package.json services/store/
COPY services/social/package.json services/social/
COPY services/users/package.json services/users/
# No install scripts: the root postinstall builds the web client, which needs the sources
# copied below; nothing else here needs a script (the native modules ship prebuilt N-API binaries).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build:web

# ---- runtime: production dependencies of the server and its workspaces only -----------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY bench/package.json bench/
COPY packages/clients/package.json packages/clients/
COPY packages/contracts/package.json packages/contracts/
COPY packages/images/package.json packages/images/
COPY packages/payment-sandbox/package.json packages/payment-sandbox/
COPY packages/platform/package.json packages/platform/
COPY packages/security/package.json packages/security/
COPY packages/stomp/package.json packages/stomp/
COPY packages/testing/package.json packages/testing/
COPY services/auth/package.json services/auth/
COPY services/batch/package.json services/batch/
COPY services/chat/package.json services/chat/
COPY services/gateway/package.json services/gateway/
COPY services/store/package.json services/store/
COPY services/social/package.json services/social/
COPY services/users/package.json services/users/
# The server runs TypeScript through tsx, a production dependency of the root. Only the
# server's dependency tree (and the root's) is installed: no bench, browser or build tools.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      --workspace=@chat/server --include-workspace-root \
  && npm cache clean --force
COPY packages/ packages/
COPY services/ services/
COPY apps/server/ apps/server/
COPY --from=build /src/apps/web/dist/ apps/web/dist/
COPY deploy/docker/healthcheck.mjs deploy/docker/
# DATA_DIR (./data) is the only place the process may write (an embedded database when no
# DATABASE_URL is set); the image's `node` user (uid 1000) owns it, nothing else.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080 8081
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "deploy/docker/healthcheck.mjs"]
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "apps/server/src/main.ts"]
