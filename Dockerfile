# The API image. Build: docker build -t send-tracker-api .
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json /app/tsconfig.base.json ./
COPY --from=build /app/apps/api/register-paths.js ./apps/api/register-paths.js
COPY --from=build /app/libs/projections/reference-data ./libs/projections/reference-data
# A named volume mounted here takes this owner, so the app can write its signing key.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
# Ready = the event store and read-model database answer and no projection lags (README "Deployment").
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:4000/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# node is PID 1 and gets SIGTERM itself: the app stops accepting, drains, stores checkpoints, releases its locks.
STOPSIGNAL SIGTERM
CMD ["node", "-r", "./apps/api/register-paths.js", "dist/apps/api/src/main.js"]
