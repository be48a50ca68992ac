// PGlite has no lock of its own on its data directory; two processes opening one
// would corrupt it. We hold a lock file with our pid and refuse a live holder.
// The file also names when the holder started (Linux): after a crash and a
// reboot, or in a busy container, another process may have been given the dead
// holder's pid, and that process must not keep the service from starting.
import fs from 'node:fs';
import path from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started (clock ticks since boot, from /proc), or undefined where that cannot be read. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]; // field 22, starttime
  } catch {
    return undefined;
  }
}

/** A holder that is alive and is the process that wrote the lock, not a newer one given the same pid. */
function holds(pid: number, startedAt: string | undefined): boolean {
  if (!isAlive(pid)) return false;
  const now = startedAt === undefined ? undefined : startTimeOf(pid);
  return now === undefined || now === startedAt;
}

export class DataDirLockedError extends Error {}

/** Locks this process took over from a process that died holding them: logged at start-up. */
export const takenOverLocks: { lockPath: string; pid: number }[] = [];

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'engage-orders.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, [process.pid, startTimeOf(process.pid)].filter(Boolean).join(' '), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pid, startedAt] = fs.readFileSync(lockPath, 'utf8').trim().split(' ');
      const holder = Number(pid);
      if (holder && holder !== process.pid && holds(holder, startedAt)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by process ${holder}. ` +
            'Stop that process, or give this one another DATA_DIR (or a DATABASE_URL to share PostgreSQL).',
        );
      }
      fs.rmSync(lockPath, { force: true }); // left behind by a process that died
      if (holder) takenOverLocks.push({ lockPath, pid: holder });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}
