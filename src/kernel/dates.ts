import { z } from 'zod';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * True when the leading `YYYY-MM-DD` names a day of the calendar. `Date.parse` alone is not enough: it
 * rolls `2021-02-31` over to March 3 instead of refusing it.
 */
export function isCalendarDay(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** True for an ISO 8601 date-time with seconds and an offset that names a real instant (ERR-2). */
export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && isCalendarDay(value) && !Number.isNaN(Date.parse(value));
}

/** True for a `YYYY-MM-DD` that names a day of the calendar. */
export function isDay(value: string): boolean {
  return DAY.test(value) && isCalendarDay(value);
}

/** An ISO 8601 date-time with offset, e.g. `2024-05-01T10:00:00+05:30` (ERR-2). */
export const isoDateTimeSchema = z.string().max(64).refine(isIsoDateTime, 'expected an ISO 8601 date-time with offset');

/** A day in the seed's `YYYY-MM-DD` format, a day of the calendar (`2024-02-30` is refused). */
export const daySchema = z
  .string()
  .regex(DAY, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDay, 'expected a date as YYYY-MM-DD (a day of the calendar)');
