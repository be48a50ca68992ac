// `npx tsx bench/healthz.ts [--seconds N]`
// Is the embedded service still responsive while saturated? autocannon
// saturates order writes (50 connections) against the service on the embedded
// database (a child process, role all), while a probe opens a fresh TCP
// connection for every GET /healthz, every 100 ms, as a liveness probe does.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase, seedRegisters } from './lib/databases.js';
import { autocannonLoad } from './lib/load.js';
import { startServer } from './lib/server.js';
import { percentile } from './lib/stats.js';

function probe(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, { agent: false, timeout: 60_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    });
    request.on('error', () => resolve(Number.POSITIVE_INFINITY));
    request.on('timeout', () => request.destroy());
  });
}

async function main(): Promise<void> {
  const secondsAt = process.argv.indexOf('--seconds');
  const seconds = secondsAt >= 0 ? Number(process.argv[secondsAt + 1]) : 15;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-healthz-'));
  const bench = await createBenchDatabase('embedded', '', workDir);
  const seeding = await bench.open();
  await seedRegisters(seeding);
  await seeding.close();
  const server = await startServer({ root, workDir, dataDir: bench.dataDir });
  try {
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) idle.push(await probe(server.url));
    // A probe every 100 ms whether or not the previous one has answered (as a prober does).
    const probes: Promise<number>[] = [];
    const timer = setInterval(() => probes.push(probe(server.url)), 100);
    const load = await autocannonLoad(server.url, `hz${Date.now().toString(36)}`, { connections: 50, seconds });
    clearInterval(timer);
    const loaded = await Promise.all(probes);
    const fmt = (values: number[], p: number) =>
      `${percentile(
        [...values].sort((a, b) => a - b),
        p,
      ).toFixed(0)} ms`;
    console.log(`healthz under load (embedded), ${new Date().toISOString()}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}\n`);
    console.log('| | value |\n| --- | --: |');
    console.log(`| accepted writes/s (autocannon, 50 connections, ${seconds} s) | ${load.acceptedPerSecond.toFixed(0)} |`);
    console.log(`| fresh-connection /healthz, idle: p50 / max | ${fmt(idle, 50)} / ${fmt(idle, 100)} |`);
    console.log(
      `| fresh-connection /healthz under load: p50 / p99 / max (${loaded.length} probes) | ${fmt(loaded, 50)} / ${fmt(loaded, 99)} / ${fmt(loaded, 100)} |`,
    );
  } finally {
    await server.stop();
    await bench.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
