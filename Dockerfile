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
USER node
EXPOSE 4000
CMD ["node", "-r", "./apps/api/register-paths.js", "dist/apps/api/src/main.js"]
