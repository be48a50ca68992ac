// `npx tsx bench/receipts.ts` — receipts/s of POST /api/v3/receipts against a
// bare single-row INSERT of the same JSON, measured in the same run (median of 3).
// Embedded database by default; a fresh PostgreSQL database on the server of
// BENCH_DATABASE_URL when it is set. Options: BENCH_SECONDS (4), BENCH_CONNECTIONS (32).
// The service runs as a child process so the load generator never shares its event loop.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.js';
import type { ReceiptDocument } from '../src/receipts/schemas.js';
import { registerReceipt } from '../src/receipts/service.js';
import { createBenchDatabase } from './lib/databases.js';
import { ADMIN_KEY, startServer } from './lib/server.js';
import { median } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const RUNS = 3;
const EMAIL = 'bench-receipts@example.com';

type Autocannon = (options: Record<string, unknown>) => Promise<{ '2xx': number; non2xx: number; errors: number; duration: number }>;

/** A typical two-line store receipt; `[<id>]` is replaced by autocannon with a fresh id per request. */
function receipt(uniqueReceiptId: string): ReceiptDocument {
  return {
    contact: { matchKey: EMAIL, matchKeyType: 'Email' },
    uniqueReceiptId,
    receiptNumber: 'R-1001',
    createdDate: '2025-12-03T15:15:19+01:00',
    storeExternalId: 'STORE-1',
    currency: 'SEK',
    totalGrossPrice: 448.9,
    paymentMethods: [{ type: 'Card', value: 448.9 }],
    items: [
      {
        type: 'PURCHASE',
        sku: 'SKU-1',
        quantity: 2,
        grossPaidPrice: 399,
        taxAmount: 79.8,
        taxPercent: 25,
        articleNumber: 'A1',
        articleName: 'Shirt',
        discounts: [{ value: -20 }],
      },
      { type: 'PURCHASE', sku: 'SKU-2', quantity: 1, grossPaidPrice: 49.9, taxAmount: 9.98, taxPercent: 25, articleNumber: 'A2', articleName: 'Socks' },
    ],
    extraData: { cashier: 'Kim' },
  };
}

/** `workers` concurrent loops of `once` for `forSeconds`; calls/s. */
async function loop(workers: number, forSeconds: number, once: () => Promise<unknown>): Promise<number> {
  const until = Date.now() + forSeconds * 1000;
  let calls = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < until) {
        await once();
        calls++;
      }
    }),
  );
  return calls / ((performance.now() - started) / 1000);
}

/** The baseline: a bare single-row INSERT (autocommit) of the same JSON. */
function bareInsert(database: Database): () => Promise<unknown> {
  const document = JSON.stringify(receipt('x'));
  return () => sql`INSERT INTO bench_receipt_baseline (unique_receipt_id, document) VALUES (${randomUUID()}, ${document}::jsonb)`.execute(database.db);
}

/** Attribution: the service's registration function without HTTP (contact lookup, hash, insert). */
function direct(database: Database): () => Promise<unknown> {
  return () => registerReceipt(database.db, receipt(`direct-${randomUUID()}`));
}

async function main(): Promise<void> {
  const autocannon = (await import('autocannon' as string)).default as Autocannon;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-receipts-'));
  const backend = process.env.BENCH_DATABASE_URL ? 'postgres' : 'embedded';
  const db = await createBenchDatabase(backend, process.env.BENCH_DATABASE_URL ?? '', workDir);
  try {
    // Seed the contact the receipts name (the common case: a known member) and the baseline table.
    const seed = await db.open();
    await sql`INSERT INTO contacts (email) VALUES (${EMAIL})`.execute(seed.db);
    await sql`CREATE TABLE bench_receipt_baseline (unique_receipt_id text PRIMARY KEY, document jsonb NOT NULL)`.execute(seed.db);
    await seed.close();

    const service = await startServer({ root, workDir, databaseUrl: db.databaseUrl, dataDir: db.dataDir });
    const fire = (duration: number) =>
      autocannon({
        url: `${service.url}/api/v3/receipts`,
        method: 'POST',
        headers: { 'content-type': 'application/json', apikey: ADMIN_KEY },
        body: JSON.stringify(receipt('bench-[<id>]')),
        idReplacement: true,
        connections,
        duration,
      });
    const service201: number[] = [];
    try {
      await fire(2); // warm-up: JIT, pool connections, caches
      for (let run = 0; run < RUNS; run++) {
        const result = await fire(seconds);
        if (result.non2xx || result.errors) throw new Error(`run ${run + 1}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
        service201.push(result['2xx'] / result.duration);
      }
    } finally {
      await service.stop();
    }

    // The embedded database admits one process: the baseline runs after the service stopped.
    const database = await db.open(20);
    const bare: number[] = [];
    const noHttp: number[] = [];
    try {
      const workers = database.kind === 'embedded' ? 1 : 20; // the service's own pool size
      await loop(workers, 1, bareInsert(database)); // warm-up
      await loop(workers, 1, direct(database));
      for (let run = 0; run < RUNS; run++) {
        bare.push(await loop(workers, seconds, bareInsert(database)));
        noHttp.push(await loop(workers, seconds / 2, direct(database)));
      }
    } finally {
      await database.close();
    }

    const s = median(service201);
    const b = median(bare);
    console.log(
      `receipts benchmark (${backend}, ${connections} connections, ${seconds} s x ${RUNS} runs, ${os.cpus().length} cores, ${new Date().toISOString()})`,
    );
    console.log(`  POST /api/v3/receipts : ${s.toFixed(0)} receipts/s  (runs: ${service201.map((v) => v.toFixed(0)).join(', ')})`);
    console.log(`  bare INSERT baseline  : ${b.toFixed(0)} rows/s      (runs: ${bare.map((v) => v.toFixed(0)).join(', ')})`);
    const d = median(noHttp);
    console.log(`  registerReceipt, no HTTP: ${d.toFixed(0)} receipts/s (runs: ${noHttp.map((v) => v.toFixed(0)).join(', ')})`);
    console.log(`  ratio service/baseline: ${(s / b).toFixed(2)}   (registerReceipt alone/baseline: ${(d / b).toFixed(2)})`);
  } finally {
    await db.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
