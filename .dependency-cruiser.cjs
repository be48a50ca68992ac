// Dependency rules of src/ (docs/architecture.md, "Dependency rules"), checked by
// `npm test` through scripts/check-deps.mjs. Type-only imports count too: a cycle
// of types is still a knot a reader has to untie.
const capabilities = '(orders|jobs|contacts|stores|articles|integration-log|receipts|gdpr|segments|automations|keys)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'No module may reach itself through its imports.', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ is the pure core: it imports nothing of ours outside itself.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'db-below-capabilities',
      severity: 'error',
      comment: 'db/ (pool, migrations, table types) imports only domain/.',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: '^src/(db|domain)/' },
    },
    {
      name: 'http-knows-no-capability',
      severity: 'error',
      comment:
        'http/ is infrastructure: it is handed the capabilities (ctx.parts), never imports them. The key store it authenticates against is the one exception.',
      from: { path: '^src/http/' },
      to: { path: `^src/${capabilities}/`, pathNot: '^src/keys/keys\\.ts$' },
    },
    {
      name: 'capabilities-use-the-http-surface',
      severity: 'error',
      comment: 'Capabilities use the public surface of http/ only: problems, paging, answer schemas and validation helpers.',
      from: { path: `^src/${capabilities}/` },
      to: { path: '^src/http/', pathNot: '^src/http/(problem|paging|schemas|validation|errors)\\.ts$' },
    },
    {
      name: 'jobs-are-handed-their-processor',
      severity: 'error',
      comment: 'jobs/ runs whatever processor it is given; it never imports orders/.',
      from: { path: '^src/jobs/' },
      to: { path: '^src/orders/' },
    },
    {
      name: 'only-the-root-composes',
      severity: 'error',
      comment: 'The capability list and the composer are imported by the composition root (service.ts) alone.',
      from: { pathNot: '^src/service\\.ts$' },
      to: { path: '^src/app/(capabilities|compose)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
