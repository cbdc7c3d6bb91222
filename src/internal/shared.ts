import type { FieldMap } from '../customer';

// Values most records share. A million customers each holding its own empty arrays, empty field maps and
// default channel metadata would spend a few hundred bytes apiece on nothing; records are frozen and
// changed only through immer, which copies before writing, so one frozen instance can serve them all.

/** The empty list every record shares. */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

/** The empty field map (null prototype, like every field map) every record shares. */
export const EMPTY_FIELDS: FieldMap = Object.freeze(Object.create(null) as FieldMap);

/** The metadata of a communication channel given without any. */
export const DEFAULT_CHANNEL_META = Object.freeze({ lastViewedDate: '', residence: false, office: false });
