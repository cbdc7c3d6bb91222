import type { FieldMap } from '../kernel/parse';

export type { FieldMap } from '../kernel/parse';

/** A fresh null-prototype field map holding the given entries. */
export function fieldMap(entries: Iterable<readonly [string, string]> = []): FieldMap {
  const map: Record<string, string> = Object.create(null);
  for (const [k, v] of entries) map[k] = v;
  return map;
}

/** The empty field map (null prototype, like every field map) every record shares. */
export const EMPTY_FIELDS: FieldMap = Object.freeze(Object.create(null) as FieldMap);

// Field maps repeat: most customers hold one of a few combinations of the org's extended fields (a
// gender, a city). Each map is a frozen null-prototype object, and V8 gives every frozen null-prototype
// object a hidden class of its own (about 200 bytes with its properties), so equal small maps are shared.
// The cache is bounded and never evicts: once full, new combinations are simply not shared. It holds
// only frozen values equal to what the caller asked for, so no caller can observe it.
const SHARED_FIELD_MAPS = new Map<string, FieldMap>();
const MAX_SHARED_FIELD_MAPS = 4096;
const MAX_SHARED_FIELD_MAP_CHARS = 256;

/** A frozen field map with these entries: a shared instance when one is cached (small maps only). */
export function sharedFieldMap(entries: readonly (readonly [string, string])[]): FieldMap {
  if (entries.length === 0) return EMPTY_FIELDS;
  let key = '';
  for (const [k, v] of entries) key += `${k}\u0000${v}\u0000`;
  if (entries.length > 4 || key.length > MAX_SHARED_FIELD_MAP_CHARS) return Object.freeze(fieldMap(entries));
  const found = SHARED_FIELD_MAPS.get(key);
  if (found !== undefined) return found;
  const map = Object.freeze(fieldMap(entries));
  if (SHARED_FIELD_MAPS.size < MAX_SHARED_FIELD_MAPS) SHARED_FIELD_MAPS.set(key, map);
  return map;
}

/** A field map's entries with these laid over them, shared where possible. */
export function withFields(base: FieldMap, changes: FieldMap): FieldMap {
  const keys = Object.keys(changes);
  if (keys.length === 0) return base;
  return sharedFieldMap([...Object.entries(base).filter(([k]) => !Object.hasOwn(changes, k)), ...Object.entries(changes)]);
}
