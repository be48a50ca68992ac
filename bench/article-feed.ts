// `npx tsx bench/article-feed.ts` — imports a generated Engage article XML feed
// of 100,000 articles (ARTICLES to change) through POST /api/v3/articles, on
// PostgreSQL (BENCH_DATABASE_URL, default the local test server; a fresh
// database per run) and on the embedded database. Reports articles/s and the
// server's peak memory (VmHWM) before and after the import: a streamed import
// must not grow with the feed. `--only postgres|embedded` runs one backend.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type BackendName, createBenchDatabase } from './lib/databases.js';
import { ADMIN_KEY, startServer } from './lib/server.js';
import { fmt, table } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.env.ARTICLES ?? 100_000);
const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] as BackendName) : undefined;

function* feed(): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<articles>\n';
  for (let i = 0; i < count; i++) {
    yield (
      `<article><sku>FEED-${i}</sku><number>${i}</number><name>Article ${i}</name><mainCategory>Apparel</mainCategory>` +
      `<brand>Brand ${i % 50}</brand><color>${['Red', 'Blue', 'Black'][i % 3]}</color><size>${['S', 'M', 'L'][i % 3]}</size>` +
      `<productCategory>Shirts</productCategory><season>SS26</season><gender>Unisex</gender><gtin>${String(7300000000000 + i)}</gtin></article>\n`
    );
  }
  yield '</articles>\n';
}

/** Peak resident set of a process so far, in MiB (Linux). */
function peakMiB(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

async function run(kind: BackendName, workDir: string): Promise<string[]> {
  const database = await createBenchDatabase(kind, baseUrl, workDir);
  const server = await startServer({ root, workDir, databaseUrl: database.databaseUrl, dataDir: database.dataDir, roles: ['api'] });
  try {
    const pid = server.pids[0]!;
    const before = peakMiB(pid);
    const bytes = [...feed()].reduce((n, chunk) => n + Buffer.byteLength(chunk), 0);
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v3/articles`, {
      method: 'POST',
      headers: { apikey: ADMIN_KEY, 'content-type': 'application/xml' },
      body: Readable.toWeb(Readable.from(feed())) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const answer = (await response.json()) as { imported?: number; failed?: number };
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 200 || answer.imported !== count) throw new Error(`import answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    return [kind, fmt(count), `${fmt(bytes / 1024 / 1024, 1)} MiB`, fmt(seconds, 1), fmt(count / seconds), fmt(before, 0), fmt(peakMiB(pid), 0)];
  } finally {
    await server.stop();
    await database.drop();
  }
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-feed-bench-'));
const rows: string[][] = [];
for (const kind of ['postgres', 'embedded'] as BackendName[]) if (!only || only === kind) rows.push(await run(kind, workDir));
console.log(`## Article XML feed: ${fmt(count)} articles in one POST /api/v3/articles (${new Date().toISOString()})\n`);
console.log(table(['backend', 'articles', 'feed size', 'seconds', 'articles/s', 'server peak MiB before', 'server peak MiB after'], rows));
fs.rmSync(workDir, { recursive: true, force: true });
