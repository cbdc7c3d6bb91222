import { freeze as immerFreeze, Immer } from 'immer';

// A private instance: the host application's immer settings are never touched, and ours never leak.
const immer = new Immer({ autoFreeze: true });

/** Immer's `produce`, bound to the library's private instance. */
export const produce = immer.produce;

/** Deep-freezes a new record; already frozen parts (shared with older snapshots) are not walked again. */
export function freezeDeep<T>(value: T): T {
  return immerFreeze(value, true);
}
