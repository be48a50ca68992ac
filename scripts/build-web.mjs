// Builds the web console (web/ → web/dist): type-check with web/tsconfig.json, then
// `vite build`. Run by `npm run build:web` and by scripts/build.mjs (`npm run build`, prestart),
// where it is a fast no-op when web/dist is newer than every web source.
// `--force` builds regardless; `--check` only reports whether a build is needed (exit 1 if so).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist');
const stamp = path.join(dist, '.build-stamp');
const args = new Set(process.argv.slice(2));

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

const sources = ['index.html', 'vite.config.ts', 'tsconfig.json', 'src', 'public'].map((name) => path.join(web, name));
const newestSource = Math.max(...sources.map(newestMtime), newestMtime(path.join(root, 'package-lock.json')));
const built = existsSync(stamp) && existsSync(path.join(dist, 'index.html')) ? statSync(stamp).mtimeMs : 0;
const upToDate = built >= newestSource;

if (args.has('--check')) {
  console.log(upToDate ? 'web console: up to date' : 'web console: needs a build');
  process.exit(upToDate ? 0 : 1);
}
if (upToDate && !args.has('--force')) {
  console.log('web console: up to date (web/dist)');
  process.exit(0);
}

const started = Date.now();
// Type-check first: Vite only strips types. TypeScript is a dev dependency; an install
// without dev dependencies still builds, it just skips this step (and says so).
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (existsSync(tsc)) {
  const check = spawnSync(process.execPath, [tsc, '-p', path.join(web, 'tsconfig.json')], { stdio: 'inherit' });
  if (check.status !== 0) {
    console.error('web console: type check failed (web/tsconfig.json)');
    process.exit(check.status ?? 1);
  }
} else {
  console.warn('web console: typescript is not installed; skipping the type check');
}

const { build } = await import('vite');
await build({ root: web, configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.log(`web console: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
