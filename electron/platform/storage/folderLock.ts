import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Another live process holds the data folder. */
export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(`数据目录 ${folder} 正被另一个平台进程（pid ${pid}）使用。/ The data folder ${folder} is in use by another platform process (pid ${pid}).`);
    this.name = 'FolderLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per PGlite data folder: two processes on one folder silently
 * lose acknowledged transactions. The lock file names its owner's pid; a
 * file left by a process that no longer runs (kill -9, power cut) is taken
 * over at once — a lock that waits for a timeout would keep the district
 * down after every crash, which is why this is not an mtime-based lock.
 */
/** Folders this process holds (a lock file naming our own pid may also be left by an earlier life with the same pid). */
const heldHere = new Set<string>();

export function lockFolder(folder: string): { release(): void } {
  const path = join(folder, 'platform.lock');
  if (heldHere.has(path)) throw new FolderLockedError(folder, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(path);
      return {
        release: () => {
          heldHere.delete(path);
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSafe(path));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) throw new FolderLockedError(folder, owner);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${folder}`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
