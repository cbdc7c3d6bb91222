// One owner per data directory (EMU-19): the lock file `DIR/customer-graph.lock` names the process that
// writes the directory's logs. Two writers of one log would hand out the same ids and lose each other's
// acknowledged writes, so a second server refuses to start; a lock left by a killed process is taken over.
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFlushed } from './files';

/** The lock file's name inside a data directory. */
export const LOCK_FILE = 'customer-graph.lock';

/** Who holds a lock: the process id and, where the platform tells it, when that process started. */
interface Owner {
  readonly pid: number;
  /** The process's start time in clock ticks since boot (Linux `/proc/PID/stat`), null elsewhere. */
  readonly started: string | null;
}

/** A data directory that another live process holds: the emulator refuses to start on it. */
export class DataDirectoryInUse extends Error {
  override readonly name = 'DataDirectoryInUse';
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`data directory in use by pid ${pid}${pid === process.pid ? ' (this process)' : ''}: ${join(dir, LOCK_FILE)}; stop that server or pass another --data directory`);
  }
}

/** Directories this process holds, so that a second emulator in the same process is refused too. */
const held = new Set<string>();

function startOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) comes after the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: a live process of another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A pid the system gave again to another process (containers restart at the same pids) is not the owner.
  const started = startOf(owner.pid);
  return owner.started === null || started === null || owner.started === started;
}

function parseOwner(text: string): Owner | undefined {
  try {
    const raw = JSON.parse(text) as { pid?: unknown; started?: unknown };
    if (typeof raw.pid !== 'number' || !Number.isSafeInteger(raw.pid) || raw.pid <= 0) return undefined;
    return { pid: raw.pid, started: typeof raw.started === 'string' ? raw.started : null };
  } catch {
    return undefined;
  }
}

/** The exclusive lock of one data directory, held from `acquire` until `release` (or the process's exit). */
export class DataLock {
  private released = false;
  private readonly onExit: () => void;

  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private readonly token: string,
  ) {
    // A process that exits without closing its emulator (process.exit) still leaves the directory free.
    this.onExit = () => {
      try {
        if (readFileSync(this.path, 'utf8') === this.token) unlinkSync(this.path);
      } catch {
        // Nothing to release.
      }
    };
    process.once('exit', this.onExit);
  }

  /**
   * Takes the lock of `dir` (creating the directory): refused with `DataDirectoryInUse` while another live
   * process, or another emulator of this one, holds it; a lock whose process is gone is taken over (EMU-19).
   */
  static async acquire(dir: string): Promise<DataLock> {
    const key = resolve(dir);
    await mkdir(dir, { recursive: true });
    const path = join(dir, LOCK_FILE);
    const token = `${JSON.stringify({ pid: process.pid, started: startOf(process.pid) })}\n`;
    if (held.has(key)) throw new DataDirectoryInUse(dir, process.pid);
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFlushed(tmp, token);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          // link() fails if the lock exists: of two servers starting at once, exactly one gets it.
          await link(tmp, path);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
        }
        const text = await readFile(path, 'utf8').catch(() => '');
        const owner = parseOwner(text);
        if (owner !== undefined && owner.pid !== process.pid && isAlive(owner)) throw new DataDirectoryInUse(dir, owner.pid);
        // Stale (its process is gone), or unreadable (a kill while it was written): moved aside and removed.
        // The rename takes what was read, or nothing if another starter took it over first.
        const aside = `${path}.${process.pid}.stale`;
        try {
          await rename(path, aside);
          await unlink(aside);
        } catch {
          // Another starter moved it first: try again.
        }
      }
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    held.add(key);
    // What a starter killed mid-acquire left: its unlinked token or a stale lock moved aside.
    for (const name of await readdir(dir)) {
      if (name.startsWith(`${LOCK_FILE}.`) && (name.endsWith('.tmp') || name.endsWith('.stale'))) await unlink(join(dir, name)).catch(() => undefined);
    }
    return new DataLock(key, path, token);
  }

  /** Gives the directory back; a second call does nothing. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    held.delete(this.dir);
    const text = await readFile(this.path, 'utf8').catch(() => '');
    if (text === this.token) await unlink(this.path).catch(() => undefined);
  }
}
