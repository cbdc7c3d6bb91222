// Which files hold an org's state once it has a snapshot (EMU-20): `DIR/<org>.manifest.json` names the
// snapshots (newest first) and the log segments (oldest first, each with the number of the line before
// its first). It is replaced by a flushed rename, and it alone says which files count: every change of
// the set of files (a new segment, a new snapshot, a reset) writes the new files first, then the
// manifest, then removes what it no longer names. A kill at any moment leaves the old manifest or the
// new one, each naming files that are whole; start-up removes whatever neither names.
import { readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { syncDirectory, writeFlushed } from './files';

const fileName = z.string().regex(/^[^/\\]+$/, 'a file name in the data directory');
const lineCount = z.number().int().nonnegative().safe();

/** The manifest's schema: each part is checked before a file it names is read. */
export const manifestSchema = z.object({
  v: z.literal(1),
  /** The generation the next new file is numbered with. */
  next: z.number().int().positive().safe(),
  /** Newest first; each covers the first `lines` lines of the log. */
  snapshots: z.array(z.object({ file: fileName, lines: lineCount })).max(2),
  /** Oldest first; a segment holds the lines after `base`. The last is the one appended to. */
  segments: z.array(z.object({ file: fileName, base: lineCount })).min(1),
  /** True when the state began at a snapshot put by `PUT /_emulator/snapshot`: the log alone cannot rebuild it. */
  fromSnapshot: z.boolean(),
});

/** Which files hold an org's state (EMU-20). */
export type Manifest = z.output<typeof manifestSchema>;

/** Where an org's manifest lives. */
export function manifestPath(dir: string, orgId: string): string {
  return join(dir, `${orgId}.manifest.json`);
}

/** The name of a new segment or snapshot file of generation `gen`. */
export function generationFile(orgId: string, kind: 'log' | 'snapshot', gen: number): string {
  return `${orgId}.${kind}.${gen}.jsonl`;
}

/** The manifest of an org that has none: its one log, `<org>.events.jsonl`, from the first line. */
export function initialManifest(orgId: string): Manifest {
  return { v: 1, next: 1, snapshots: [], segments: [{ file: `${orgId}.events.jsonl`, base: 0 }], fromSnapshot: false };
}

/** The org's manifest, undefined when it has none; one that cannot be read refuses the start. */
export async function readManifest(dir: string, orgId: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(manifestPath(dir, orgId), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${manifestPath(dir, orgId)}: not JSON; refusing to start on state it cannot name`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${manifestPath(dir, orgId)}: ${parsed.error.issues[0]?.message ?? 'invalid'}; refusing to start on state it cannot name`);
  return parsed.data;
}

/** Replaces the org's manifest: written whole, flushed, renamed into place, the directory flushed. */
export async function writeManifest(dir: string, orgId: string, manifest: Manifest): Promise<void> {
  const path = manifestPath(dir, orgId);
  await writeFlushed(`${path}.tmp`, `${JSON.stringify(manifest)}\n`);
  try {
    await rename(`${path}.tmp`, path);
  } catch (error) {
    await unlink(`${path}.tmp`).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes the org's files the manifest does not name: new files of a change a kill interrupted before
 * its manifest, old ones of a change interrupted after it, and temporary files (EMU-20).
 */
export async function removeUnnamed(dir: string, orgId: string, manifest: Manifest): Promise<string[]> {
  const named = new Set([...manifest.snapshots.map((s) => s.file), ...manifest.segments.map((s) => s.file)]);
  const ours = new RegExp(`^${escape(orgId)}\\.((log|snapshot)\\.\\d+\\.jsonl|events\\.jsonl|manifest\\.json)(\\.tmp)?$`);
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    if (!ours.test(name) || named.has(name) || name === `${orgId}.manifest.json`) continue;
    await unlink(join(dir, name)).catch(() => undefined);
    removed.push(name);
  }
  if (removed.length > 0) await syncDirectory(dir);
  return removed;
}
