// The write-path scenario on one backend: the service as a child process on a
// fresh database, the bare-INSERT baseline in the same database, saturation
// runs (50 connections, distinct ~2 KB orders), then a fixed offered rate with
// autocannon's overallRate and with the paced generator. End-to-end times come
// from the jobs table afterwards (accepted_at → finished_at).
import type { Database } from '../src/db/database.js';
import { type CpuUse, cpuBetween, snapshotCpu } from './lib/cpu.js';
import {
  type BackendName,
  type JobStats,
  type TableStats,
  backlog,
  baselineInserts,
  createBenchDatabase,
  jobStats,
  seedRegisters,
  tableStats,
  walPosition,
} from './lib/databases.js';
import { type LoadResult, autocannonLoad, pacedLoad } from './lib/load.js';
import { type ProcessWindow, type Server, startServer } from './lib/server.js';
import { pollUntil } from './lib/stats.js';

export interface ScenarioOptions {
  backend: BackendName;
  baseUrl: string;
  root: string;
  workDir: string;
  runs: number;
  warmupSeconds: number;
  saturationSeconds: number;
  baselineSeconds: number;
  fixedSeconds: number;
  fixedRate: number;
  connections: number;
  drainTimeoutSeconds: number;
  serverEnv: Record<string, string>;
  /** Run the API and the worker as two processes (PostgreSQL only). */
  split: boolean;
  /** PostgreSQL only: run the API without any worker, to measure acceptance alone (saturation runs only). */
  acceptOnly: boolean;
  cpuProfile: boolean;
  log: (line: string) => void;
}

export interface Baseline {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  concurrency: number;
  cpu: CpuUse;
}

export interface Phase {
  tag: string;
  kind: 'saturation' | 'autocannon-rate' | 'paced-rate';
  load: LoadResult;
  /** What each server process measured inside the window (one with role all; api and worker on PostgreSQL unless --inline). */
  server: ProcessWindow[];
  cpu: CpuUse;
  /** Open jobs right after the load stopped, as the server reported them. */
  backlogAtEnd: number;
  drained: boolean;
  /** CPU while the backlog drained with the API idle (when that took over a second): the worker's cost alone. */
  drainCpu?: CpuUse;
  /** PostgreSQL only: WAL written from the load's start until its backlog drained (accepting and processing its orders). */
  walBytes?: number;
  jobs?: JobStats;
}

export interface BackendResult {
  backend: BackendName;
  baselines: Baseline[];
  phases: Phase[];
  /** PostgreSQL only: row churn of the write path's tables over the whole run. */
  tables: TableStats[];
  /** Orders accepted over the whole run (warm-up included), to put the churn per order. */
  totalAccepted: number;
}

async function measure(
  server: Server,
  kind: Phase['kind'],
  tag: string,
  run: () => Promise<LoadResult>,
  drainTimeoutSeconds: number,
  database?: string,
  walPosition?: () => Promise<number>,
): Promise<Phase> {
  const walBefore = await walPosition?.();
  const before = snapshotCpu(server.pids, database);
  server.openWindow();
  const load = await run();
  const windows = await server.closeWindow();
  const cpu = cpuBetween(before, snapshotCpu(server.pids, database));
  const backlogAtEnd = await backlog(server.url);
  const drainStart = snapshotCpu(server.pids, database);
  const drained = await pollUntil(async () => (await backlog(server.url)) === 0, drainTimeoutSeconds * 1000, 200);
  const drainEnd = snapshotCpu(server.pids, database);
  const drainCpu = drainEnd.at - drainStart.at > 1000 ? cpuBetween(drainStart, drainEnd) : undefined;
  const walBytes = walBefore === undefined ? undefined : (await walPosition!()) - walBefore;
  return { tag, kind, load, server: windows, cpu, backlogAtEnd, drained, drainCpu, walBytes };
}

export async function runWritePath(options: ScenarioOptions): Promise<BackendResult> {
  const { backend, log } = options;
  const runId = Date.now().toString(36);
  const tag = (name: string) => `${runId}-${name}`;
  const bench = await createBenchDatabase(backend, options.baseUrl, options.workDir);
  const dbName = bench.databaseUrl ? new URL(bench.databaseUrl).pathname.slice(1) : undefined;
  const baselines: Baseline[] = [];
  const phases: Phase[] = [];
  let local: Database | undefined;
  let server: Server | undefined;
  let warm: Phase | undefined;
  // PostgreSQL: the baseline's 50 clients need 50 connections of their own.
  const baselineConcurrency = backend === 'postgres' ? options.connections : 1;
  const baseline = async () => {
    const pids = server?.pids ?? [];
    const before = snapshotCpu(pids, dbName);
    const result = await baselineInserts(local!, options.baselineSeconds, baselineConcurrency);
    baselines.push({ ...result, concurrency: baselineConcurrency, cpu: cpuBetween(before, snapshotCpu(pids, dbName)) });
    log(`  baseline: ${Math.round(result.rowsPerSecond)} rows/s (${baselineConcurrency} client${baselineConcurrency > 1 ? 's' : ''})`);
  };
  // Stops the service, then reads the jobs' timings (embedded: only now may this process open the data directory).
  const finish = async (): Promise<BackendResult> => {
    await server?.stop();
    server = undefined;
    if (!local) local = await bench.open();
    if (backend === 'embedded') for (let i = 1; i <= options.runs; i++) await baseline();
    for (const phase of phases) phase.jobs = await jobStats(local, phase.tag, phase.load.finishedAt);
    // Counters reach pg_stat_user_tables when the backends report; the service's have exited by now.
    const tables = backend === 'postgres' ? await tableStats(local) : [];
    const totalAccepted = [warm, ...phases].reduce((n, p) => n + (p?.load.accepted ?? 0), 0);
    return { backend, baselines, phases, tables, totalAccepted };
  };
  try {
    local = await bench.open(options.connections);
    await seedRegisters(local);
    if (backend === 'embedded') {
      await local.close(); // the service's process must own the data directory
      local = undefined;
    }
    log(`  starting the service (${backend})…`);
    server = await startServer({
      root: options.root,
      workDir: options.workDir,
      databaseUrl: bench.databaseUrl,
      dataDir: bench.dataDir,
      env: options.serverEnv,
      roles: backend === 'embedded' ? ['all'] : options.acceptOnly ? ['api'] : options.split ? ['api', 'worker'] : ['all'],
      cpuProfile: options.cpuProfile,
    });
    const srv = server;
    const c = options.connections;
    // Without a worker nothing drains: measure acceptance only.
    const acceptOnly = options.acceptOnly && backend === 'postgres';
    const phase = (kind: Phase['kind'], name: string, run: () => Promise<LoadResult>) =>
      measure(srv, kind, name, run, acceptOnly ? 0 : options.drainTimeoutSeconds, dbName, backend === 'postgres' ? () => walPosition(local!) : undefined);
    warm = await phase('saturation', tag('warmup'), () => autocannonLoad(srv.url, tag('warmup'), { connections: c, seconds: options.warmupSeconds }));
    log(`  warm-up: ${Math.round(warm.load.acceptedPerSecond)} accepted/s`);

    for (let i = 1; i <= options.runs; i++) {
      if (backend === 'postgres') await baseline(); // alternated with the service runs: same noise for both
      const name = tag(`sat${i}`);
      const sat = await phase('saturation', name, () => autocannonLoad(srv.url, name, { connections: c, seconds: options.saturationSeconds }));
      phases.push(sat);
      log(
        `  saturation ${i}: ${Math.round(sat.load.acceptedPerSecond)} accepted/s, backlog ${sat.backlogAtEnd} at end${sat.drained || acceptOnly ? '' : ' (NOT drained)'}`,
      );
    }
    const rate = options.fixedRate;
    if (acceptOnly) return await finish();
    const burst = await phase('autocannon-rate', tag('rate-ac'), () =>
      autocannonLoad(srv.url, tag('rate-ac'), { connections: c, seconds: options.fixedSeconds, rate }),
    );
    phases.push(burst);
    log(`  ${rate}/s offered (autocannon overallRate): ${Math.round(burst.load.acceptedPerSecond)} accepted/s`);
    const paced = await phase('paced-rate', tag('rate-paced'), () =>
      pacedLoad(srv.url, tag('rate-paced'), { connections: c, seconds: options.fixedSeconds, rate }),
    );
    phases.push(paced);
    log(`  ${rate}/s offered (paced): ${Math.round(paced.load.acceptedPerSecond)} accepted/s`);

    return await finish();
  } finally {
    await server?.stop().catch(() => {});
    await local?.close().catch(() => {});
    await bench.drop().catch((error) => log(`  could not drop the benchmark database: ${error}`));
  }
}
