/**
 * Architecture rules of shared/docs/ARCHITECTURE.md section 2 and STYLE.md 3.2, checked on every
 * `npm test`. Each rule's comment says why it exists.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make modules impossible to reason about or test alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'web-imports-only-types-from-server',
      severity: 'error',
      comment: 'Server code must never reach the browser bundle; the web app uses AppRouter types only.',
      from: { path: '^apps/web' },
      to: { path: '^packages/server', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'drizzle-only-in-db-and-queries',
      severity: 'error',
      comment: 'Only db/ and *.queries.ts know Drizzle, so data access stays in named, reviewable functions.',
      from: {
        path: '^packages/server/src',
        pathNot: [
          '^packages/server/src/db/',
          '\\.queries\\.ts$',
          '\\.test\\.ts$',
          // per-module test fixtures (test-support.ts) are test code, like *.test.ts
          'test-support\\.ts$',
          '^packages/server/src/testing/',
        ],
      },
      to: { path: 'node_modules/drizzle-orm' },
    },
    {
      name: 'platform-never-imports-modules',
      severity: 'error',
      comment: 'Cross-cutting platform code must not depend on any domain.',
      from: { path: '^packages/server/src/platform/' },
      to: { path: '^packages/server/src/modules/' },
    },
    {
      name: 'modules-talk-through-services',
      severity: 'error',
      comment: 'A module calls another module only through its service, never its queries or router.',
      from: { path: '^packages/server/src/modules/([^/]+)/' },
      to: {
        path: '^packages/server/src/modules/([^/]+)/',
        pathNot: ['^packages/server/src/modules/$1/', '\\.service\\.ts$', '\\.errors\\.ts$'],
      },
    },
    {
      name: 'trpc-only-in-routers',
      severity: 'error',
      comment: 'Services stay callable from jobs, scripts and tests: only trpc/ and *.router.ts know tRPC.',
      from: {
        path: '^packages/server/src',
        pathNot: ['^packages/server/src/trpc/', '\\.router\\.ts$', '\\.test\\.ts$'],
      },
      to: { path: 'node_modules/@trpc/server' },
    },
    {
      name: 'contracts-import-only-zod',
      severity: 'error',
      comment: 'Contracts are shared by server and browser; they may depend on zod alone.',
      from: { path: '^packages/contracts/src', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypesNot: ['core'], pathNot: ['^packages/contracts/', 'node_modules/zod/'] },
    },
    {
      name: 'ui-imports-only-react-mantine-contracts',
      severity: 'error',
      comment: 'Design-system pieces fetch no data and know no domain.',
      from: { path: '^packages/ui/src', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: [
          '^packages/ui/',
          '^packages/contracts/',
          'node_modules/(react|react-dom|@mantine|@tabler/icons-react)/',
        ],
      },
    },
    {
      name: 'packages-never-import-apps',
      severity: 'error',
      comment: 'Dependency order is contracts → server → apps/api and contracts → ui → apps/web.',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-dumping-grounds',
      severity: 'error',
      comment: 'No utils/helpers/common/misc folders: a helper lives in the module that uses it.',
      from: {},
      to: { path: '/(utils|helpers|common|misc)/', pathNot: 'node_modules' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^apps/web/dist/', '^\\.data/', '^\\.tmp/'] },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
