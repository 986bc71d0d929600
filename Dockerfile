# syntax=docker/dockerfile:1
# Multi-stage build: install and build with dev dependencies, run with production ones only.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
# The framework patches (patches/, applied by postinstall) must be there when npm ci runs.
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim AS runtime
# Fonts for server-rendered share images (Vietnamese needs full Latin Extended coverage).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=8080 HOST=0.0.0.0 DATA_DIR=/data
# A heap budget for each Node process (the primary and every HTTP process it forks inherit it). Left
# to itself V8 sizes the heap from the host's memory, not the container's share of it, and lets
# garbage grow to several times what is live (the soak saw RSS climb from 200 to 650 MB per process);
# with a budget it collects sooner and memory stays flat (tests/bench/RESULTS.md, the soak section).
# The benches start the server with these options (tests/bench/harness.ts reads this line).
ENV NODE_OPTIONS="--max-old-space-size=384"
# The app's own files (a generated session secret when SESSION_SECRET is not given; the embedded
# database when DATABASE_URL is not given) live on a volume the non-root user can write.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/build ./build
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/migrations ./migrations
COPY --from=build --chown=node:node /app/package.json ./package.json
USER node
EXPOSE 8080
# The entry applies pending migrations before it listens, and exits non-zero if one fails.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "build/server.js"]
