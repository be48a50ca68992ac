// Turns the benchmark's results into the tables it prints (Markdown-compatible).
import type { BackendResult, Phase } from '../write-path.js';
import type { ProcessWindow } from './server.js';
import { fmt, median, table } from './stats.js';

const TARGET_ACCEPTED = 3000;
const TARGET_P99_MS = 250;

const range = (values: number[], digits = 0) =>
  values.length > 1 ? `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})` : fmt(values[0], digits);
const processedPerSecond = (p: Phase) => (p.jobs ? p.jobs.finishedDuringLoad / p.load.seconds : Number.NaN);
/** Jobs/s the worker managed once the load stopped (the API idle): its capacity on its own. */
const drainRate = (p: Phase) => (p.jobs && p.jobs.drainSeconds > 0.5 ? (p.jobs.jobs - p.jobs.finishedDuringLoad) / p.jobs.drainSeconds : Number.NaN);
const statusNote = (p: Phase) => {
  const other = Object.entries(p.load.otherStatus).map(([code, n]) => `${n}×${code}`);
  if (p.load.errors) other.push(`${p.load.errors} errors`);
  return other.length ? other.join(', ') : '–';
};

function saturationTable(results: BackendResult[]): string {
  const rows = results.map((r) => {
    const sat = r.phases.filter((p) => p.kind === 'saturation');
    const accepted = sat.map((p) => p.load.acceptedPerSecond);
    const baseline = r.baselines.map((b) => b.rowsPerSecond);
    const processed = sat.map(processedPerSecond);
    return [
      r.backend,
      range(accepted),
      `${range(baseline)} (${r.baselines[0]?.concurrency ?? '?'} cl.)`,
      `${fmt((median(accepted) / median(baseline)) * 100)} %`,
      range(processed),
      `${fmt((median(processed) / median(accepted)) * 100)} %`,
      fmt(median(sat.map((p) => p.backlogAtEnd))),
      fmt(median(sat.map((p) => p.jobs?.drainSeconds ?? Number.NaN)), 1),
      fmt(median(sat.map(drainRate))),
      fmt(median(sat.map((p) => p.load.clientP99Ms))),
      fmt(median(sat.map((p) => p.jobs?.e2eP99Ms ?? Number.NaN))),
      statusNote(sat[sat.length - 1]!),
    ];
  });
  return table(
    [
      'backend',
      'accepted/s',
      'baseline INSERT rows/s',
      'accepted/baseline',
      'processed/s during load',
      'processed/accepted',
      'backlog at end',
      'drain s',
      'drain jobs/s',
      'HTTP p99 ms',
      'e2e p99 ms',
      'non-202',
    ],
    rows,
  );
}

/** One value per server process: "98" for one process, "api 98 / worker 40" for two. */
function perProcess(p: Phase, value: (w: ProcessWindow) => string): string {
  return p.server.length === 1 ? value(p.server[0]!) : p.server.map((w) => `${w.role} ${value(w)}`).join(' / ');
}

function cpuTable(results: BackendResult[]): string {
  const rows = results.flatMap((r) =>
    r.phases
      .filter((p) => p.kind !== 'saturation' || p === r.phases.filter((q) => q.kind === 'saturation').at(-1))
      .map((p) => [
        `${r.backend} ${p.kind}`,
        fmt(p.cpu.server, 2),
        perProcess(p, (w) => fmt(w.eventLoopUtilization * 100)),
        fmt(p.cpu.postgres, 2),
        fmt(p.cpu.postgresShared, 2),
        fmt(p.cpu.loadgen, 2),
        fmt(p.cpu.other, 2),
        `${fmt(p.cpu.machineBusy, 2)} / ${p.cpu.cores}`,
        perProcess(p, (w) => fmt(w.gcMs / w.seconds / 10, 1)),
        perProcess(p, (w) => fmt(w.eventLoopDelayP99Ms, 1)),
      ]),
  );
  return table(
    [
      'phase',
      'server cores',
      'server event loop busy %',
      'postgres backends cores',
      'postgres shared cores',
      'load generator cores',
      'other processes cores',
      'machine busy',
      'GC % of wall',
      'loop delay p99 ms',
    ],
    rows,
  );
}

function rateTable(results: BackendResult[]): string {
  const rows = results.flatMap((r) =>
    r.phases
      .filter((p) => p.kind !== 'saturation')
      .map((p) => [
        `${r.backend} ${p.kind === 'paced-rate' ? 'paced (even spacing)' : 'autocannon overallRate'}`,
        fmt(p.load.sent / p.load.seconds),
        fmt(p.load.acceptedPerSecond),
        fmt(p.jobs?.e2eP50Ms),
        fmt(p.jobs?.e2eP99Ms),
        fmt(p.jobs?.e2eMaxMs),
        fmt(p.load.clientP50Ms, 1),
        fmt(p.load.clientP99Ms, 1),
        fmt(p.backlogAtEnd),
        `${p.jobs?.succeeded ?? '?'}/${p.jobs?.jobs ?? '?'}`,
        statusNote(p),
      ]),
  );
  return table(
    [
      'backend, generator',
      'offered/s',
      'accepted/s',
      'e2e p50 ms',
      'e2e p99 ms',
      'e2e max ms',
      'HTTP p50 ms',
      'HTTP p99 ms',
      'backlog at end',
      'succeeded',
      'non-202',
    ],
    rows,
  );
}

function statementTable(result: BackendResult): string {
  const sat = result.phases.filter((p) => p.kind === 'saturation');
  const accepted = sat.reduce((n, p) => n + p.load.accepted, 0);
  const finished = sat.reduce((n, p) => n + (p.jobs?.finishedDuringLoad ?? 0), 0);
  const merged = new Map<string, { count: number; totalMs: number; p99: number[] }>();
  for (const p of sat) {
    for (const s of p.server.flatMap((w) => w.statements)) {
      const entry = merged.get(s.sql) ?? { count: 0, totalMs: 0, p99: [] };
      entry.count += s.count;
      entry.totalMs += s.totalMs;
      entry.p99.push(s.p99Ms);
      merged.set(s.sql, entry);
    }
  }
  const all = [...merged.values()].reduce((n, s) => n + s.count, 0);
  const rows = [...merged.entries()]
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .slice(0, 14)
    .map(([sqlText, s]) => [
      sqlText.slice(0, 90),
      fmt(s.count / Math.max(1, accepted), 2),
      fmt(s.count / Math.max(1, finished), 2),
      fmt(s.totalMs / s.count, 2),
      fmt(median(s.p99), 1),
    ]);
  return [
    `${result.backend}: ${fmt(all / Math.max(1, accepted), 1)} statements per accepted order; ${fmt(accepted)} accepted and ${fmt(finished)} processed inside the measured windows.`,
    '',
    table(['statement (as the server sent it)', 'per accepted', 'per processed', 'mean ms', 'p99 ms'], rows),
  ].join('\n');
}

/**
 * CPU cost per order, which contention changes far less than throughput:
 * the worker's cost per job from the drain (API idle), the accept's cost as
 * the rest of the load window's CPU, and what 2 free cores would then carry.
 */
function costTable(results: BackendResult[]): string {
  const rows = results.map((r) => {
    const sat = r.phases.filter((p) => p.kind === 'saturation');
    const perRun = sat.map((p) => {
      const rate = drainRate(p);
      const d = p.drainCpu;
      const secs = p.load.seconds;
      const accepted = p.load.accepted;
      const clientMs = (p.cpu.loadgen * secs * 1000) / accepted;
      if (!d || !Number.isFinite(rate)) {
        // No backlog to drain: processing kept up, so the window's CPU is accept + process of the same orders.
        // Split into api and worker processes, each one's own CPU is its part; PostgreSQL's stays one figure.
        const [api = Number.NaN, worker = Number.NaN] = p.cpu.servers.length === 2 ? p.cpu.servers : [];
        const processed = p.jobs?.finishedDuringLoad ?? 0;
        return {
          acceptMs: (api * secs * 1000) / accepted,
          acceptPgMs: Number.NaN,
          workerMs: processed > 0 ? (worker * secs * 1000) / processed : Number.NaN,
          workerPgMs: Number.NaN,
          serverMs: (p.cpu.server * secs * 1000) / accepted,
          pgMs: (p.cpu.postgres * secs * 1000) / accepted,
          clientMs,
        };
      }
      const workerMs = (d.server / rate) * 1000;
      const workerPgMs = (d.postgres / rate) * 1000;
      const processed = p.jobs?.finishedDuringLoad ?? 0;
      const acceptMs = (p.cpu.server * secs * 1000 - processed * workerMs) / accepted;
      const acceptPgMs = (p.cpu.postgres * secs * 1000 - processed * workerPgMs) / accepted;
      return { acceptMs, acceptPgMs, workerMs, workerPgMs, serverMs: acceptMs + workerMs, pgMs: acceptPgMs + workerPgMs, clientMs };
    });
    const m = (key: keyof (typeof perRun)[number]) => median(perRun.map((x) => x[key]));
    const serverMs = m('serverMs');
    const total = serverMs + m('pgMs') + m('clientMs');
    const cores = sat[0]?.cpu.cores ?? 2;
    // One process (role all) runs accept and processing JavaScript on one thread; split into api and worker processes each has its own.
    const threadCeiling = sat[0]?.server.length === 1 ? 1000 / serverMs : Math.min(1000 / m('acceptMs'), 1000 / m('workerMs'));
    const baselinePgMs = median(r.baselines.map((b) => (b.cpu.postgres / b.rowsPerSecond) * 1000));
    const baselineClientMs = median(r.baselines.map((b) => (b.cpu.loadgen / b.rowsPerSecond) * 1000));
    return [
      r.backend,
      fmt(m('acceptMs'), 2),
      fmt(m('acceptPgMs'), 2),
      fmt(m('workerMs'), 2),
      fmt(m('workerPgMs'), 2),
      fmt(serverMs, 2),
      fmt(m('pgMs'), 2),
      fmt(m('clientMs'), 2),
      fmt(Math.min((cores * 1000) / total, threadCeiling)),
      r.backend === 'postgres'
        ? `${fmt(baselinePgMs, 2)} + ${fmt(baselineClientMs, 2)} client`
        : `${fmt(median(r.baselines.map((b) => 1000 / b.rowsPerSecond)), 2)} (all in-process)`,
    ];
  });
  return table(
    [
      'backend',
      'accept: server',
      'accept: postgres',
      'process: server',
      'process: postgres',
      'server total',
      'postgres total',
      'load generator',
      'projected orders/s on 2 free cores',
      'baseline row',
    ],
    rows,
  );
}

function churnTable(result: BackendResult): string {
  const per = Math.max(1, result.totalAccepted);
  const rows = result.tables.map((t) => [
    t.table,
    fmt(t.indexes),
    fmt(t.inserted / per, 2),
    fmt(t.updated / per, 2),
    t.updated ? `${fmt((t.hotUpdated / t.updated) * 100)} %` : '–',
    fmt(t.deleted / per, 2),
    fmt(t.heapBytes / per),
    fmt(t.indexBytes / per),
  ]);
  const wal = result.phases.filter((p) => p.kind === 'saturation' && p.drained && p.walBytes !== undefined && p.load.accepted > 0);
  return [
    `${result.backend}: per accepted order over the whole run (${fmt(result.totalAccepted)} orders); heap bytes include TOAST.`,
    '',
    table(['table', 'indexes', 'inserts', 'updates', 'HOT updates', 'deletes', 'heap bytes', 'index bytes'], rows),
    ...(wal.length > 0
      ? [
          '',
          `WAL written per accepted order, from each saturation run's start until its backlog drained: ${wal
            .map((p) => `${fmt(p.walBytes! / p.load.accepted)} B`)
            .join(', ')}.`,
        ]
      : []),
  ].join('\n');
}

function targets(results: BackendResult[]): string {
  const pgResult = results.find((r) => r.backend === 'postgres');
  if (!pgResult) return 'Targets are set for PostgreSQL; it was not run (--only embedded).';
  const sat = pgResult.phases.filter((p) => p.kind === 'saturation');
  const accepted = median(sat.map((p) => p.load.acceptedPerSecond));
  const keepUp = median(sat.map(processedPerSecond)) / accepted;
  const verdict = (ok: boolean, by: string) => (ok ? `met (${by})` : `MISSED (${by})`);
  const rows = [
    ['≥ 3,000 accepted orders/s sustained', fmt(accepted), verdict(accepted >= TARGET_ACCEPTED, `${fmt((accepted / TARGET_ACCEPTED) * 100)} % of target`)],
    ['processing keeps up at saturation', `${fmt(keepUp * 100)} % of accepted`, verdict(keepUp >= 0.95, 'processed/s during load vs accepted/s; needs ≥ 95 %')],
  ];
  for (const p of pgResult.phases.filter((q) => q.kind !== 'saturation')) {
    const p99 = p.jobs?.e2eP99Ms ?? Number.NaN;
    rows.push([
      `e2e p99 < 250 ms at ${fmt(p.load.sent / p.load.seconds)}/s offered (${p.kind === 'paced-rate' ? 'paced' : 'autocannon overallRate'})`,
      `${fmt(p99)} ms`,
      verdict(p99 < TARGET_P99_MS, `${fmt((p99 / TARGET_P99_MS) * 100)} % of the limit`),
    ]);
  }
  return table(['target (PostgreSQL)', 'measured', 'verdict'], rows);
}

function noise(results: BackendResult[]): string {
  const other = results.flatMap((r) => r.phases.map((p) => p.cpu.other));
  const worst = Math.max(...other);
  const line = `Other processes on this machine used ${fmt(median(other), 2)} cores (median of the measured windows; worst ${fmt(worst, 2)}) of ${results[0]?.phases[0]?.cpu.cores ?? '?'}.`;
  return median(other) > 0.15 || worst > 0.5
    ? `\n**Noisy machine**: ${line} The absolute figures are depressed; the ratios to the baseline and the per-order costs are the more trustworthy part.`
    : `\n${line}`;
}

export function formatReport(
  results: BackendResult[],
  meta: { quick: boolean; env: Record<string, string>; split: boolean; acceptOnly: boolean; rate: number; seconds: number; profile: boolean },
): string {
  const first = results[0]?.phases.find((p) => p.kind === 'saturation');
  const runs = results[0]?.phases.filter((p) => p.kind === 'saturation').length ?? 0;
  return [
    `## Write path: POST /api/v3/orders, ~2 KB bodies, 50 connections (${meta.quick ? 'quick' : 'full'} run, ${fmt(meta.seconds)} s)`,
    meta.profile ? '\nCPU profiling was on: throughput is a little lower than without it.' : '',
    noise(results),
    meta.acceptOnly ? '\nPostgreSQL ran the API alone (--accept-only): no worker, so nothing was processed; only acceptance is measured.' : '',
    meta.split
      ? '\nPostgreSQL ran the service as two processes, as `npm start` does (the all role applies jobs in a child process): measured as ROLE=api and ROLE=worker.'
      : '\nPostgreSQL ran the service as one process (--inline: WORKER_MODE=inline).',
    Object.keys(meta.env).length
      ? `\nService environment: ${Object.entries(meta.env)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`
      : '',
    `\n### Saturation: median (min–max) of ${runs} run${runs === 1 ? '' : 's'} of ${fmt(first?.load.seconds)} s`,
    '',
    saturationTable(results),
    `\n### At a fixed offered rate of ${fmt(meta.rate)} orders/s (end-to-end = job accepted_at → finished_at)`,
    '',
    rateTable(results),
    "\n### Where the CPU went (cores; the machine has the last column's total)",
    '',
    cpuTable(results),
    '\n### CPU milliseconds per order (median of the saturation runs; on embedded the database runs inside the server)',
    '',
    costTable(results),
    "\nProcess = the worker's cost per job, measured while the backlog drained with the API idle; accept = the rest of the load window's CPU per accepted order. Without a backlog to drain (processing kept up), a service split into api and worker processes shows each process's own CPU (per accepted order, per processed job) and PostgreSQL's cost only as a total; in one process, only totals. Projection: min(2 cores ÷ all CPU per order, one JavaScript thread ÷ the server process's ms per order), assuming the whole machine is ours and only CPU limits.",
    '\n### Statements the server sent during the saturation runs',
    ...results.map((r) => `\n${statementTable(r)}`),
    ...results.filter((r) => r.tables.length > 0).flatMap((r) => ['\n### Row churn in PostgreSQL', '', churnTable(r)]),
    '\n### Targets',
    '',
    targets(results),
  ]
    .filter((s) => s !== '')
    .join('\n');
}
