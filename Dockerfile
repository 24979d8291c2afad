# syntax=docker/dockerfile:1
# Application Operator image: compiled on the full Node.js image (better-sqlite3 builds from
# source with node-gyp), run on the slim one as the unprivileged `node` user with production
# dependencies only. Runs with a read-only root filesystem: it writes only under DATA_DIR
# (/data: the SQLite store, webhook TLS material) and needs nothing else writable.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
# node-gyp's toolchain for better-sqlite3 (present in the full image; listed so the build says so).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Dependencies first, so source edits reuse this layer. Scripts are off for the install (the
# `prepare` build needs the sources, which are not copied yet); better-sqlite3's native addon
# is then compiled from source explicitly (node-gyp), with no prebuilt binary downloaded.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm run build-release --prefix node_modules/better-sqlite3
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs ./libs
COPY apps ./apps
# Compile (tsc + tsc-alias into dist/), then drop the dev dependencies and the addon's
# sources and intermediate objects: the runtime needs only build/Release/better_sqlite3.node.
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf dist/.tsbuildinfo node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
      node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target \
      node_modules/better-sqlite3/build/Release/.deps

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000 \
    WEBHOOK_PORT=9443
WORKDIR /app
# Owned by root and read-only for the `node` user: only /data is its to write.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 9443
# No curl in the slim image: Node's fetch probes the liveness endpoint.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/operator/src/main.js"]
