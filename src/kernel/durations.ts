// ISO 8601 durations (`P31D`, `PT12H`, `P1Y2M`) and date arithmetic that keeps a date-time in the offset
// it was written in: the clock's `advance` (CLK-4) and a tier's validity (TIR-2).
import type { Result } from 'neverthrow';
import { z } from 'zod';
import { isoDateTimeSchema } from './dates';
import { parseWith } from './parse';
import type { InvalidInputError } from './refusals';

/** A duration in calendar parts: years and months move the calendar, the rest are fixed lengths (CLK-4). */
export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const count = z.number().int().min(0).max(1e6);

const ISO_DURATION = /^P(?!$)(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?=\d)(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,9}(?:\.\d{1,3})?)S)?)?$/;

/** An ISO 8601 duration such as `P31D` or `PT36H`, read into its parts; anything else is refused (CLK-4). */
export const isoDurationSchema = z
  .string()
  .max(64)
  .regex(ISO_DURATION, 'expected an ISO 8601 duration such as P31D or PT12H')
  .transform((text): Duration => {
    const m = ISO_DURATION.exec(text) ?? [];
    const n = (i: number): number => Number(m[i] ?? 0);
    return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
  });

const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * `date` (an ISO 8601 date-time with offset, already checked) moved by `d`, written in the same offset: years and months
 * move the calendar in that offset, a day of the month it lacks becomes its last (Jan 31 + P1M is Feb 28 or
 * 29); weeks, days, hours, minutes and seconds are fixed lengths (CLK-4, TIR-2).
 */
export function shiftDate(date: string, d: { readonly [K in keyof Duration]?: number | undefined }): string {
  const offset = OFFSET.exec(date)?.[1] ?? 'Z';
  const shift = offsetMinutes(offset) * 60_000;
  const local = new Date(Date.parse(date) + shift);
  const months = local.getUTCMonth() + (d.months ?? 0) + 12 * (d.years ?? 0);
  const year = local.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const day = Math.min(local.getUTCDate(), daysInMonth(year, month));
  const moved = Date.UTC(year, month, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  const fixed = (((d.weeks ?? 0) * 7 + (d.days ?? 0)) * 24 * 3600 + (d.hours ?? 0) * 3600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0)) * 1000;
  const text = new Date(moved + fixed).toISOString();
  const millis = text.slice(19, 23);
  return `${text.slice(0, 19)}${millis === '.000' ? '' : millis}${offset}`;
}

const shiftSchema = z.object({
  date: isoDateTimeSchema,
  by: z.union([isoDurationSchema, z.strictObject({ years: count, months: count, weeks: count, days: count, hours: count, minutes: count, seconds: count }).partial()]),
});

/**
 * An ISO 8601 date-time moved forward by a duration (`'P31D'` or its parts), in the date's own offset, or a
 * 400 naming the field that is not one (CLK-4).
 * @example
 * addDuration('2024-01-31T10:00:00+05:30', 'P1M'); // ok('2024-02-29T10:00:00+05:30')
 */
export function addDuration(date: unknown, by: unknown): Result<string, InvalidInputError> {
  return parseWith(shiftSchema, { date, by }).map((v) => shiftDate(v.date, v.by));
}
