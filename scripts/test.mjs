// `npm test`: type-check, lint (ESLint, the dependency rules, Prettier's check),
// then every test file under test/ with node:test.
// Each file runs its tests on embedded PGlite, and on PostgreSQL too when
// TEST_DATABASE_URL is set. Extra arguments narrow the files (substring match).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function listTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

const filters = process.argv.slice(2);
const files = listTests('test')
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (filters.length === 0) {
  const typecheck = spawnSync('npx', ['tsc', '--noEmit'], { stdio: 'inherit' });
  if (typecheck.status !== 0) {
    console.error('Type check failed');
    process.exit(typecheck.status ?? 1);
  }
  const lint = spawnSync('npm', ['run', '--silent', 'lint'], { stdio: 'inherit' });
  if (lint.status !== 0) {
    console.error('Lint failed: `npm run lint` says where; `npm run format` fixes the formatting');
    process.exit(lint.status ?? 1);
  }
}

// Tests that start the built service (`npm start`) need dist/: build it first when it is
// stale, outside any test's timeout (a cold build takes minutes on a busy 2-core machine).
if (files.some((file) => file.includes('signals.test'))) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Build failed');
    process.exit(build.status ?? 1);
  }
}

console.log(`Running ${files.length} test files on: embedded${process.env.TEST_DATABASE_URL ? ' + postgres' : ''}`);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, '--test-timeout=600000', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
