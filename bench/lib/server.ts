// Runs the real service as child processes (`node --import tsx src/main.ts`),
// so the load generator never shares the server's event loop: one process
// with role "all" (the default deployment), or with --split an "api" and a
// "worker" process on the same PostgreSQL database. The probe preload
// (server-probe.ts) measures windows inside each process on SIGUSR2.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pollUntil } from './stats.js';

export const ADMIN_KEY = 'bench-admin-key-not-secret';

export type Role = 'all' | 'api' | 'worker';

export interface ServerOptions {
  root: string;
  workDir: string;
  databaseUrl?: string;
  dataDir?: string;
  /** ['all'] (default) or ['api', 'worker'] (PostgreSQL only). */
  roles?: Role[];
  /** Extra environment for the service (e.g. WORKER_CONCURRENCY=16), given with --env. */
  env?: Record<string, string>;
  cpuProfile?: boolean;
}

export interface StatementTiming {
  sql: string;
  count: number;
  totalMs: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ProcessWindow {
  role: Role;
  seconds: number;
  eventLoopUtilization: number;
  processCpuCores: number;
  eventLoopDelayP99Ms: number;
  gcMs: number;
  statements: StatementTiming[];
  profilePath?: string;
}

export interface Server {
  /** Where the API answers. */
  url: string;
  pids: number[];
  /** Opens a measurement window in every server process. */
  openWindow(): void;
  /** Closes it and returns what each process measured inside it. */
  closeWindow(): Promise<ProcessWindow[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Child {
  role: Role;
  url: string;
  process: ChildProcess;
  probeDir: string;
  exited: () => boolean;
  exit: Promise<void>;
  windows: number;
}

async function startChild(options: ServerOptions, role: Role): Promise<Child> {
  const port = await freePort();
  const probeDir = fs.mkdtempSync(path.join(options.workDir, `probe-${role}-`));
  const logPath = path.join(options.workDir, `server-${role}-${port}.log`);
  const log = fs.openSync(logPath, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    ADMIN_API_KEY: ADMIN_KEY,
    // The contract's default (200/s per key) would answer most benchmark requests with 429.
    RATE_LIMIT_PER_SECOND: '10000000',
    LOG_LEVEL: 'warn',
    BENCH_PROBE_DIR: probeDir,
    BENCH_CPU_PROFILE: options.cpuProfile ? '1' : '0',
    ...options.env,
    ROLE: role,
    // Role all in one measured process: on PostgreSQL the service would otherwise apply
    // jobs in a child process of its own that the probe does not see (--split measures that shape).
    ...(role === 'all' ? { WORKER_MODE: 'inline' } : {}),
  };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDir) env.DATA_DIR = options.dataDir;

  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/lib/server-probe.ts', 'src/main.ts'], {
    cwd: options.root,
    env,
    stdio: ['ignore', log, log],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      fs.closeSync(log);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const ready = await pollUntil(
    async () => {
      if (exited) return true;
      try {
        return (await fetch(`${url}/readyz`)).ok;
      } catch {
        return false;
      }
    },
    90_000,
    100,
  );
  if (!ready || exited) {
    child.kill('SIGKILL');
    throw new Error(`the service (${role}) did not start; its log (${logPath}):\n${fs.readFileSync(logPath, 'utf8').slice(-3000)}`);
  }
  return { role, url, process: child, probeDir, exited: () => exited, exit, windows: 0 };
}

async function closeChildWindow(child: Child): Promise<ProcessWindow> {
  child.windows++;
  child.process.kill('SIGUSR2');
  const file = path.join(child.probeDir, `window-${child.windows}.json`);
  if (!(await pollUntil(async () => fs.existsSync(file), 60_000, 50))) throw new Error(`the ${child.role} process's probe wrote no window report`);
  const report = { role: child.role, ...JSON.parse(fs.readFileSync(file, 'utf8')) } as ProcessWindow;
  const profile = path.join(child.probeDir, `window-${child.windows}.cpuprofile`);
  if (fs.existsSync(profile)) report.profilePath = profile;
  return report;
}

async function stopChild(child: Child): Promise<void> {
  if (child.exited()) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 30_000);
  await child.exit;
  clearTimeout(timer);
}

export async function startServer(options: ServerOptions): Promise<Server> {
  const children: Child[] = [];
  try {
    // One at a time: both would run the migrations at once otherwise.
    for (const role of options.roles ?? ['all']) children.push(await startChild(options, role));
  } catch (error) {
    await Promise.all(children.map(stopChild));
    throw error;
  }
  return {
    url: (children.find((c) => c.role !== 'worker') ?? children[0]!).url,
    pids: children.map((c) => c.process.pid!),
    openWindow() {
      for (const child of children) child.process.kill('SIGUSR2');
    },
    closeWindow: () => Promise.all(children.map(closeChildWindow)),
    async stop() {
      // The API first, so the worker can finish what was accepted.
      for (const child of children) await stopChild(child);
    },
  };
}
