// PGlite has no lock of its own on its data directory; two processes opening one
// would corrupt it. We hold a lock file with our pid and refuse a live holder.
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

export class DataDirLockedError extends Error {}

/** Locks this process took over from a process that died holding them: logged at start-up. */
export const takenOverLocks: { lockPath: string; pid: number }[] = [];

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'engage-orders.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
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
