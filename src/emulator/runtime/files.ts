// Files that must be on disk before anything is answered (EMU-8, EMU-19): written whole and flushed, or
// not there at all.
import { open, unlink, type FileHandle } from 'node:fs/promises';

/**
 * Writes `text` to a new file at `path` and flushes it; when that fails, no partial file stays behind.
 * Given pieces, it writes one at a time (each write lets the event loop turn), so that a large file is
 * never one string and its making never one long stall.
 */
export async function writeFlushed(path: string, text: string | Iterable<string>): Promise<void> {
  try {
    const out = await open(path, 'w');
    try {
      if (typeof text === 'string') await out.writeFile(text, 'utf8');
      else for (const piece of text) await writeWhole(out, Buffer.from(piece, 'utf8'));
      await out.datasync();
    } finally {
      await out.close();
    }
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
}

/** Flushes a directory's entries (a new or renamed file), where the platform allows it. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot open or sync a directory; the file's own data is synced regardless.
  }
}

/** How many log lines go into one write of a new log file. */
const LINES_PER_WRITE = 256;

/** A log's lines, formatted `LINES_PER_WRITE` at a time, for `writeFlushed`. */
export function* linesOf<T>(entries: readonly T[], format: (entry: T) => string): Generator<string> {
  for (let i = 0; i < entries.length; i += LINES_PER_WRITE) yield entries.slice(i, i + LINES_PER_WRITE).map(format).join('');
}

/** Writes all of `bytes` at the handle's position, continuing after a short write; a write that takes nothing is an error. */
export async function writeWhole(handle: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, null);
    if (bytesWritten <= 0) throw new Error(`the file took no bytes (${written} of ${bytes.length} written)`);
    written += bytesWritten;
  }
}
