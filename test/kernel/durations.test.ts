import { describe, expect, it } from 'vitest';
import { addDuration } from '../../src/index';
import { isoDurationSchema } from '../../src/schemas';

describe('CLK-4: ISO 8601 durations move a date-time in its own offset', () => {
  it.each([
    ['2024-05-01T10:00:00Z', 'P31D', '2024-06-01T10:00:00Z'],
    ['2024-05-01T10:00:00+05:30', 'PT36H', '2024-05-02T22:00:00+05:30'],
    ['2024-01-31T23:30:00+05:30', 'P1M', '2024-02-29T23:30:00+05:30'],
    ['2023-01-31T00:00:00-08:00', 'P1M', '2023-02-28T00:00:00-08:00'],
    ['2024-02-29T12:00:00Z', 'P1Y', '2025-02-28T12:00:00Z'],
    ['2024-05-01T10:00:00Z', 'P1W', '2024-05-08T10:00:00Z'],
    ['2024-05-01T10:00:00Z', 'P1Y2M3DT4H5M6S', '2025-07-04T14:05:06Z'],
  ])('CLK-4: %s + %s is %s', (date, by, expected) => {
    expect(addDuration(date, by)._unsafeUnwrap()).toBe(expected);
  });

  it('CLK-4: a duration that is not ISO 8601, or a date without an offset, is a 400 naming it', () => {
    expect(addDuration('2024-05-01T10:00:00Z', '31 days')._unsafeUnwrapErr()).toMatchObject({ code: 400, path: ['by'] });
    expect(addDuration('2024-05-01T10:00:00', 'P1D')._unsafeUnwrapErr()).toMatchObject({ code: 400, path: ['date'] });
    expect(isoDurationSchema.safeParse('P').success).toBe(false);
    expect(isoDurationSchema.safeParse('PT').success).toBe(false);
  });
});
