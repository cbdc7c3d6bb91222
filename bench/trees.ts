// The earlier tree kept as a contender: the rerooted store (a mutable store with undo logs), as the
// library was before the persistent graph (the parent of 094b099). It is kept by its commit rather than
// copied into bench/, so that no second copy of the library has to be maintained; it is extracted from
// this repository's history on first use into bench/.trees/<commit> (gitignored), sharing node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The last commit with the rerooted store. */
export const REROOTED_COMMIT = '3591d1c815ede97454b12e9e58308ffce3026458';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

/**
 * The directory of the rerooted tree, extracted if it is not there yet; or the reason it cannot be
 * (a shallow clone has no such commit).
 */
export function rerootedTree(): { readonly dir: string } | { readonly missing: string } {
  const dir = join(here, '.trees', REROOTED_COMMIT.slice(0, 7));
  if (existsSync(join(dir, 'src', 'index.ts'))) return { dir };
  try {
    execFileSync('git', ['cat-file', '-e', `${REROOTED_COMMIT}^{commit}`], { cwd: root, stdio: 'ignore' });
  } catch {
    return { missing: `commit ${REROOTED_COMMIT.slice(0, 7)} is not in this clone's history (a shallow clone?)` };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', REROOTED_COMMIT], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return { dir };
}
