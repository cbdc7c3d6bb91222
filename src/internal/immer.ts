import { freeze as immerFreeze, Immer, type Draft } from 'immer';

// A private instance: the host application's immer settings are never touched, and ours never leak.
const immer = new Immer({ autoFreeze: true });

/** Immer's `produce`, bound to the library's private instance. */
export function produce<T>(base: T, recipe: (draft: Draft<T>) => void): T {
  return immer.produce(base, recipe);
}

/** Deep-freezes a new record; already frozen parts (shared with older snapshots) are not walked again. */
export function freezeDeep<T>(value: T): T {
  return immerFreeze(value, true);
}
