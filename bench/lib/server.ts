// Runs the real service as a child process (`node --import tsx src/main.ts`),
// so the load generator never shares the server's event loop. The probe
// preload (server-probe.ts) measures windows inside it on SIGUSR2.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pollUntil } from './stats.js';

export const ADMIN_KEY = 'bench-admin-key-not-secret';

export interface ServerOptions {
  root: string;
  workDir: string;
  databaseUrl?: string;
  dataDir?: string;
  /** Extra environment for the service (e.g. WORKER_CONCURRENCY=16), given with --env. */
  env?: Record<string, string>;
  cpuProfile?: boolean;
}

export interface WindowReport {
  seconds: number;
  eventLoopUtilization: number;
  processCpuCores: number;
  eventLoopDelayP99Ms: number;
  gcMs: number;
  statements: { sql: string; count: number; totalMs: number; meanMs: number; p50Ms: number; p99Ms: number; maxMs: number }[];
  profilePath?: string;
}

export interface Server {
  url: string;
  pid: number;
  /** Opens a measurement window in the server. */
  openWindow(): void;
  /** Closes it and returns what the server measured inside it. */
  closeWindow(): Promise<WindowReport>;
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

export async function startServer(options: ServerOptions): Promise<Server> {
  const port = await freePort();
  const probeDir = fs.mkdtempSync(path.join(options.workDir, 'probe-'));
  const logPath = path.join(options.workDir, `server-${port}.log`);
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
  };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDir) env.DATA_DIR = options.dataDir;

  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/lib/server-probe.ts', 'src/main.ts'], {
    cwd: options.root,
    env,
    stdio: ['ignore', log, log],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const ready = await pollUntil(async () => {
    if (exited) return true;
    try {
      return (await fetch(`${url}/readyz`)).ok;
    } catch {
      return false;
    }
  }, 90_000, 100);
  if (!ready || exited) {
    child.kill('SIGKILL');
    throw new Error(`the service did not start; its log (${logPath}):\n${fs.readFileSync(logPath, 'utf8').slice(-3000)}`);
  }

  let windows = 0;
  return {
    url,
    pid: child.pid!,
    openWindow() {
      child.kill('SIGUSR2');
    },
    async closeWindow() {
      windows++;
      child.kill('SIGUSR2');
      const file = path.join(probeDir, `window-${windows}.json`);
      if (!(await pollUntil(async () => fs.existsSync(file), 60_000, 50))) throw new Error('the server probe wrote no window report');
      const report = JSON.parse(fs.readFileSync(file, 'utf8')) as WindowReport;
      const profile = path.join(probeDir, `window-${windows}.cpuprofile`);
      if (fs.existsSync(profile)) report.profilePath = profile;
      return report;
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
      fs.closeSync(log);
    },
  };
}
