/** Import boundaries: apps/api → libs/projections → libs/event-store → libs/domain, never upwards, no cycles. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain may import only itself (no framework, driver, Node built-in or other lib).',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'event-store-not-upwards',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^(libs/projections|apps)/' },
    },
    {
      name: 'projections-not-upwards',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-not-nest-graphql',
      comment: 'GraphQL and HTTP belong to apps/api.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: 'node_modules/(@nestjs/graphql|@nestjs/apollo|@apollo/server|graphql)/' },
    },
    {
      name: 'no-deep-lib-imports-between-libs',
      comment: 'A lib reaches another lib only through its index.ts.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'no-deep-lib-imports-from-app',
      comment: 'The app and the e2e tests reach a lib only through its index.ts.',
      severity: 'error',
      from: { path: '^(apps|test)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
