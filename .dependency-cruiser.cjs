/**
 * The boundaries of the bounded contexts, checked by `npm test` (npm run boundaries):
 * a context (any folder of functions/, lib/ or test/ that is not the platform's or a shared one)
 * imports itself and the platform, never another context; the platform imports no context;
 * functions/ never imports lib/ or the CDK; a context's operations (what the tools load) never reach
 * the CDK; a context's domain imports nothing but domains.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'context-imports-another-context',
      comment: 'A context imports only itself and the platform (and tests, the shared test support). Another context\'s facts arrive as events on the bus, declared again in this context.',
      severity: 'error',
      from: { path: '^(functions|lib|test)/([^/]+)/', pathNot: '^(functions|lib)/platform/|^test/(platform|support|system|local)/' },
      to: { path: '^(functions|lib|test)/([^/]+)/', pathNot: ['^(functions|lib|test)/$2/', '^(functions|lib)/platform/', '^test/support/'] },
    },
    {
      name: 'platform-imports-a-context',
      comment: 'The platform knows no context: contexts stand on it, never the other way round.',
      severity: 'error',
      from: { path: '^(functions|lib)/platform/' },
      to: { path: '^(functions|lib)/', pathNot: '^(functions|lib)/platform/' },
    },
    {
      name: 'functions-import-infrastructure',
      comment: 'What runs in Lambda never imports the CDK app (lib/, bin/) or aws-cdk-lib: names that cross the line live in a contract module under functions/.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(lib|bin)/|node_modules/(aws-cdk-lib|constructs|cdk-nag)/' },
    },
    {
      name: 'operations-load-the-cdk',
      comment: "A context's operations (lib/<context>/operations.ts) are what the operator tools and the API contract load: nothing they reach may load the CDK, or every `npm run reconcile` and every test of the API would load aws-cdk-lib first. Names the stack shares with them live in a file of their own (lib/<context>/indexes.ts).",
      severity: 'error',
      from: { path: '^lib/[^/]+/operations\\.ts$' },
      to: { path: 'node_modules/(aws-cdk-lib|constructs|cdk-nag)/', reachable: true },
    },
    {
      name: 'domain-imports-outside-the-domain',
      comment: 'A domain is pure: it imports other domain modules only (its own and the platform\'s), no AWS, no store, no HTTP.',
      severity: 'error',
      from: { path: '^functions/[^/]+/domain/' },
      to: { pathNot: '^functions/[^/]+/domain/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|\\.local)/|/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
