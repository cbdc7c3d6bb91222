import { freeze as immerFreeze, Immer, isDraft, type Draft } from 'immer';

// A private instance: the host application's immer settings are never touched, and ours never leak.
const immer = new Immer({ autoFreeze: true });

/** Immer's `produce`, bound to the library's private instance. */
export function produce<T>(base: T, recipe: (draft: Draft<T>) => void): T {
  return immer.produce(base, recipe);
}

/** The empty list every record shares. */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

/** The metadata of a communication channel given without any. */
export const DEFAULT_CHANNEL_META = Object.freeze({ lastViewedDate: '', residence: false, office: false });

const OBJECT_PROTOTYPE = Object.prototype;

// The records are plain data: arrays, plain objects and null-prototype field maps. Those are frozen here
// directly, which is what immer's deep freeze does to them but without its per-value type dispatch (a hot
// path: every new or merged record passes through it). Anything else is handed to immer unchanged.
//
// A part that cannot be extended is taken as frozen and not walked: records are only ever frozen, never
// merely sealed, and every part of one is either new or a frozen part of an older record. The test is
// `isExtensible`, a flag of the object's hidden class, rather than `isFrozen`, which V8 answers by a call
// into the runtime that checks every property: a tenth of the cost of a points command went there.
function freezeTree(value: unknown): void {
  if (typeof value !== 'object' || value === null || !Object.isExtensible(value) || isDraft(value)) return;
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (let i = 0; i < value.length; i++) if (i in value) freezeTree(value[i]);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== OBJECT_PROTOTYPE && proto !== null) {
    immerFreeze(value, true);
    return;
  }
  Object.freeze(value);
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) freezeTree(record[k]);
}

/** Deep-freezes a new record; already frozen parts (shared with older snapshots) are not walked again. */
export function freezeDeep<T>(value: T): T {
  freezeTree(value);
  return value;
}

/**
 * `base` with some fields replaced, frozen: only the new values are walked, because the rest are parts of
 * `base`, a frozen record already. Walking those would read every one of them, and in a graph of a
 * million customers an untouched part is seldom in the cache: a points command paid a cache miss for each.
 */
export function recordWith<T extends object>(base: T, changes: Partial<T>): T {
  for (const key of Object.keys(changes)) freezeTree((changes as Record<string, unknown>)[key]);
  return Object.freeze({ ...base, ...changes });
}
