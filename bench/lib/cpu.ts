// Where the machine's CPU went during a window, from /proc: the server child,
// the PostgreSQL backends serving the benchmark's database, PostgreSQL's shared
// background processes (WAL writer, checkpointer…), this process (the load
// generator) and everything else: other processes on this shared machine,
// including other databases' backends. On 2 cores the sum tops at 2.0.
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Snapshot {
  at: number;
  serverPids: number[];
  byGroup: Map<string, number>; // pid-group → ticks
  total: number; // all CPUs' busy ticks from /proc/stat
}

function processTicks(pid: string): { comm: string; ticks: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) }; // utime + stime
  } catch {
    return undefined; // the process ended meanwhile
  }
}

function postgresGroup(pid: string, database: string | undefined): string {
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return 'other';
  }
  // A backend's title names its user, database and client: "postgres: 15/main: user db 127.0.0.1(5432) idle".
  const backend = /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(cmdline);
  if (!backend) return 'postgresShared';
  return database && cmdline.includes(` ${database} `) ? 'postgres' : 'other';
}

export function snapshotCpu(serverPids: number[], database?: string): Snapshot {
  const byGroup = new Map<string, number>();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const info = processTicks(pid);
    if (!info) continue;
    const group = serverPids.includes(Number(pid))
      ? `server:${pid}`
      : Number(pid) === process.pid
        ? 'loadgen'
        : info.comm === 'postgres'
          ? postgresGroup(pid, database)
          : 'other';
    byGroup.set(group, (byGroup.get(group) ?? 0) + info.ticks);
  }
  const cpuLine = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpuLine[3] ?? 0) + (cpuLine[4] ?? 0);
  const total = cpuLine.reduce((a, b) => a + b, 0) - idle;
  return { at: performance.now(), serverPids, byGroup, total };
}

export interface CpuUse {
  server: number;
  /** Per server process, in the order of the pids given (all; or api, worker). */
  servers: number[];
  /** The backends serving the benchmark's database. */
  postgres: number;
  /** PostgreSQL's background processes, shared with every database on the server. */
  postgresShared: number;
  loadgen: number;
  other: number;
  machineBusy: number; // cores busy machine-wide
  cores: number;
}

/** Cores used per group between two snapshots (1.0 = one core fully busy). */
export function cpuBetween(before: Snapshot, after: Snapshot): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const cores = (group: string) => ((after.byGroup.get(group) ?? 0) - (before.byGroup.get(group) ?? 0)) / TICKS_PER_SECOND / seconds;
  const machineBusy = (after.total - before.total) / TICKS_PER_SECOND / seconds;
  const servers = before.serverPids.map((pid) => cores(`server:${pid}`));
  const ours = {
    server: servers.reduce((a, b) => a + b, 0),
    postgres: Math.max(0, cores('postgres')),
    postgresShared: Math.max(0, cores('postgresShared')),
    loadgen: cores('loadgen'),
  };
  // "other" is what the machine did beyond ours: it includes processes that ended inside the window.
  const other = Math.max(0, machineBusy - ours.server - ours.postgres - ours.postgresShared - ours.loadgen);
  return { ...ours, servers, other, machineBusy, cores: os.cpus().length };
}
