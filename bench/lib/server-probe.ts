// Preloaded into the benchmarked server child (`node --import tsx --import
// ./bench/lib/server-probe.ts src/main.ts`): it measures the server from the
// inside without touching src/. Each SIGUSR2 opens or closes a measurement
// window; closing one writes window-N.json (event-loop utilisation, GC time,
// per-statement counts and timings as the driver sees them) and, with
// BENCH_CPU_PROFILE=1, window-N.cpuprofile, into BENCH_PROBE_DIR.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';

const dir = process.env.BENCH_PROBE_DIR;
const profiling = process.env.BENCH_CPU_PROFILE === '1';

interface Statement {
  count: number;
  totalMs: number;
  maxMs: number;
  samples: number[];
}
let statements = new Map<string, Statement>();
let gcMs = 0;

function normalise(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\$\d+(, \$\d+)*/g, '$…')
    .trim()
    .slice(0, 110);
}

function record(text: string | undefined, startedAt: number): void {
  const ms = performance.now() - startedAt;
  const key = normalise(text ?? '?');
  let entry = statements.get(key);
  if (!entry) statements.set(key, (entry = { count: 0, totalMs: 0, maxMs: 0, samples: [] }));
  entry.count++;
  entry.totalMs += ms;
  if (ms > entry.maxMs) entry.maxMs = ms;
  if (entry.samples.length < 5000) entry.samples.push(ms);
}

if (dir) {
  // Wraps the driver's query: both backends (PostgreSQL and the PGlite adapter) go through pg.Client.
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === 'string' ? config : config?.text;
    const startedAt = performance.now();
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...cbArgs: unknown[]) => void;
      args[last] = (...cbArgs: unknown[]) => {
        record(text, startedAt);
        callback(...cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown> | undefined;
    if (result && typeof result.then === 'function')
      result.then(
        () => record(text, startedAt),
        () => record(text, startedAt),
      );
    return result;
  };

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ['gc'] });

  const delay = monitorEventLoopDelay({ resolution: 10 });
  let session = new inspector.Session();
  let open = false;
  let windowNo = 0;
  let startedAt = 0;
  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();

  process.on('SIGUSR2', () => {
    if (!open) {
      open = true;
      statements = new Map();
      gcMs = 0;
      delay.reset();
      delay.enable();
      startedAt = performance.now();
      elu = performance.eventLoopUtilization();
      cpu = process.cpuUsage();
      if (profiling) {
        session = new inspector.Session();
        session.connect();
        session.post('Profiler.enable', () => session.post('Profiler.start'));
      }
      return;
    }
    open = false;
    windowNo++;
    delay.disable();
    const seconds = (performance.now() - startedAt) / 1000;
    const usage = process.cpuUsage(cpu);
    const summary = {
      seconds,
      eventLoopUtilization: performance.eventLoopUtilization(elu).utilization,
      processCpuCores: (usage.user + usage.system) / 1e6 / seconds,
      eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
      gcMs,
      statements: [...statements.entries()]
        .map(([sql, s]) => {
          const sorted = s.samples.sort((a, b) => a - b);
          const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
          return { sql, count: s.count, totalMs: s.totalMs, meanMs: s.totalMs / s.count, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: s.maxMs };
        })
        .sort((a, b) => b.totalMs - a.totalMs),
    };
    const base = path.join(dir, `window-${windowNo}`);
    // Written aside and renamed, so the benchmark never reads half a file.
    const finish = () => {
      fs.writeFileSync(`${base}.json.tmp`, JSON.stringify(summary, null, 1));
      fs.renameSync(`${base}.json.tmp`, `${base}.json`);
    };
    if (!profiling) return finish();
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(`${base}.cpuprofile`, JSON.stringify(result.profile));
      session.disconnect();
      finish();
    });
  });
}
