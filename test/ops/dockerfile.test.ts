// Docker cannot run on the development machines, so the Dockerfile and compose
// file are held to what can be checked here: they use the one build that CI runs,
// the port the service listens on, the data volume, the health check route, the
// stop signal, and the paths the build really produces.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (name: string) => readFileSync(path.join(root, name), 'utf8');
const dockerfile = read('Dockerfile');
const compose = read('compose.yaml');

/** Dockerfile instructions per stage, continuation lines joined. */
function stages(text: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const from = line.match(/^FROM \S+ AS (\S+)$/i);
    if (from) result.set(from[1]!, (current = []));
    else current.push(line);
  }
  return result;
}

describe('Dockerfile and compose.yaml', () => {
  const byStage = stages(dockerfile);
  const build = byStage.get('build') ?? [];
  const runtime = byStage.get('runtime') ?? [];
  const port = loadConfig({}, []).port;

  test('the build stage runs the build CI runs: npm ci, then npm run build (scripts/build.mjs)', () => {
    assert.ok(build.includes('RUN npm ci --no-audit --no-fund'), build.join('\n'));
    assert.ok(build.includes('RUN npm run build'));
    const pkg = JSON.parse(read('package.json'));
    assert.equal(pkg.scripts.build, 'node scripts/build.mjs');
    const ci = read('.ci/run');
    assert.match(ci, /^npm ci --no-audit --no-fund$/m);
    assert.match(ci, /^npm run build$/m);
  });

  test('the runtime stage holds dist/, the console build and production dependencies only', () => {
    const tsconfig = JSON.parse(read('tsconfig.build.json'));
    assert.equal(tsconfig.compilerOptions.outDir, 'dist');
    assert.equal(tsconfig.compilerOptions.rootDir, 'src');
    assert.ok(runtime.includes('COPY --from=build /app/dist ./dist'));
    // src/http/console.ts finds the console at ../../web/dist from its own (compiled) file.
    assert.match(read('src/http/console.ts'), /'\.\.\/\.\.\/web\/dist'/);
    assert.ok(runtime.includes('COPY --from=build /app/web/dist ./web/dist'));
    assert.match(dockerfile, /RUN npm ci --omit=dev --ignore-scripts/);
    assert.ok(runtime.includes('COPY --from=production-deps /app/node_modules ./node_modules'));
    assert.ok(runtime.includes('CMD ["node", "dist/main.js"]'), 'node is PID 1: signals reach the service');
  });

  test('non-root user, /data volume, port, health check on /readyz, SIGTERM', () => {
    const user = runtime.find((line) => line.startsWith('USER '));
    assert.ok(user && !/^USER (root|0)\b/.test(user), `runs as ${user}`);
    assert.match(runtime.find((line) => line.startsWith('ENV ')) ?? '', /DATA_DIR=\/data\b.*|HOST=0\.0\.0\.0/);
    const env = runtime.find((line) => line.startsWith('ENV ')) ?? '';
    assert.match(env, /\bDATA_DIR=\/data\b/);
    assert.match(env, /\bHOST=0\.0\.0\.0\b/);
    assert.match(env, new RegExp(`\\bPORT=${port}\\b`));
    assert.ok(runtime.includes('VOLUME ["/data"]'));
    assert.ok(runtime.includes(`EXPOSE ${port}`));
    assert.ok(runtime.includes('STOPSIGNAL SIGTERM'));
    const health = runtime.find((line) => line.startsWith('HEALTHCHECK ')) ?? '';
    assert.match(health, /\/readyz/);
    assert.match(health, new RegExp(`process\\.env\\.PORT \\|\\| ${port}`));
    assert.match(read('src/http/ops.ts'), /app\.get\('\/readyz'/);
  });

  test('compose: PostgreSQL 15, one API and one worker from the image, graceful stop time', () => {
    assert.match(compose, /^\s+image: postgres:15\s*$/m);
    assert.match(compose, /^\s+command: \["node", "dist\/main\.js", "--role", "api"\]$/m);
    assert.match(compose, /^\s+command: \["node", "dist\/main\.js", "--role", "worker"\]$/m);
    assert.match(compose, new RegExp(`- "${port}:${port}"`));
    assert.match(compose, /DATABASE_URL: postgres:\/\/orders:\$\{POSTGRES_PASSWORD[^}]*\}@db:5432\/orders/);
    assert.match(compose, /^\s+build: \.$/m);
    // Both roles come from the shared anchor, so they share the data volume (the outbox that erasure must reach).
    assert.match(compose, /x-service: &service[\s\S]*?volumes:\s*\n\s+- data:\/data\n[\s\S]*?^volumes:[\s\S]*^\s+data:\s*$/m);
    const grace = Number(compose.match(/stop_grace_period: (\d+)s/)?.[1]);
    assert.ok(grace * 1000 > loadConfig({}, []).shutdownTimeoutMs, 'docker must wait longer than the service takes to stop');
  });

  test('.dockerignore keeps local builds and dependencies out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', 'web/dist', 'data']) assert.ok(ignored.includes(entry), entry);
  });
});
