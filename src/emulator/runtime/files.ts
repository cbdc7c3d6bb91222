// Files that must be on disk before anything is answered (EMU-8, EMU-19): written whole and flushed, or
// not there at all.
import { open, unlink } from 'node:fs/promises';

/** Writes `text` to a new file at `path` and flushes it; when that fails, no partial file stays behind. */
export async function writeFlushed(path: string, text: string): Promise<void> {
  try {
    const out = await open(path, 'w');
    try {
      await out.writeFile(text, 'utf8');
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
