// The one build: the server (src/ → dist/ with tsc, migrations included as
// compiled modules) and the web console (web/ → web/dist with Vite, through
// build-web.mjs). `npm run build`, CI and the Dockerfile all run this file.
// `--if-stale` (the prestart hook) is a fast no-op when dist/ is newer than every
// source, so `npm install && npm start` builds once on a fresh clone and then starts at once.
// A production install (dist/ + `npm ci --omit=dev`) has no src/ and never builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const ifStale = process.argv.includes('--if-stale');

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function buildServer() {
  const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((name) => path.join(root, name));
  if (!existsSync(path.join(root, 'src'))) return; // a production image: dist/ is all there is
  const built = existsSync(stamp) && existsSync(path.join(dist, 'main.js')) ? statSync(stamp).mtimeMs : 0;
  if (ifStale && built >= Math.max(...sources.map(newestMtime))) {
    console.log('server: up to date (dist)');
    return;
  }
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    console.error('server: dist/ is missing or stale and typescript is not installed; run `npm install` (with dev dependencies) first');
    process.exit(1);
  }
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true }); // no compiled leftovers of deleted sources (old migrations!)
  run([tsc, '-p', path.join(root, 'tsconfig.build.json')]);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  console.log(`server: built dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

buildServer();
if (existsSync(path.join(root, 'web', 'src'))) run([path.join(root, 'scripts', 'build-web.mjs'), ...(ifStale ? [] : ['--force'])]);
