// The one way untrusted input enters the library (ARC-4, ARC-5): a zod schema reads it into the
// library's own frozen copy, keys outside the schema dropped, and whatever the input does while it is
// read (a throwing getter, a Proxy trap, a BigInt where text belongs) ends as a 400 naming the field,
// never as an exception.
import { err, ok, type Result } from 'neverthrow';
import { z, type ZodType } from 'zod';
import { invalidInput, type InputPath, type Refusal } from './refusals';

/** Reads untrusted input with a schema: the parsed copy, or a 400 naming the first offending field (ARC-4). */
export function parseWith<S extends ZodType>(schema: S, input: unknown, root: InputPath = []): Result<z.output<S>, Refusal<'invalidInput'>> {
  let parsed: ReturnType<S['safeParse']>;
  try {
    parsed = schema.safeParse(input) as ReturnType<S['safeParse']>;
  } catch (error) {
    // Only the input can throw here: a getter, a Proxy trap, a value whose conversion throws.
    return err(invalidInput(root, `unreadable input (${error instanceof Error ? error.name : typeof error})`));
  }
  if (parsed.success) return ok(parsed.data as z.output<S>);
  const issue = parsed.error.issues[0];
  const path = [...root, ...(issue?.path ?? []).map((p) => (typeof p === 'number' ? p : String(p)))];
  return err(invalidInput(path, issue?.message ?? 'invalid'));
}

/** Bounded text. */
export function text(max: number): z.ZodString {
  return z.string().max(max);
}

/** A frozen object schema: keys outside the shape are dropped and the copy is frozen (ARC-4). */
export function record<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).readonly();
}

/** A frozen list schema of `min` to `max` items. */
export function list<T extends ZodType>(item: T, max: number, min = 0) {
  return z.array(item).min(min).max(max).readonly();
}

/** User-keyed string data on a null-prototype object, so that `__proto__` is a key like any other (ARC-4). */
export type FieldMap = Readonly<Record<string, string>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A JSON object whose keys are user data (custom and extended fields), read into a frozen null-prototype
 * copy: own enumerable keys only, so an own `__proto__` key stays a key, never a prototype (ARC-4).
 * `values` reads each value; a refused value names its key.
 */
export function userKeyed<V extends ZodType>(values: V, maxKeys = 256) {
  return z.unknown().transform((input, ctx): Readonly<Record<string, z.output<V>>> => {
    if (!isPlainObject(input)) {
      ctx.addIssue({ code: 'custom', message: 'expected an object' });
      return z.NEVER;
    }
    const keys = Object.keys(input);
    if (keys.length > maxKeys) {
      ctx.addIssue({ code: 'custom', message: `expected at most ${maxKeys} keys` });
      return z.NEVER;
    }
    const out = Object.create(null) as Record<string, z.output<V>>;
    for (const key of keys) {
      const read = values.safeParse(input[key]);
      if (!read.success) {
        ctx.addIssue({ code: 'custom', path: [key], message: read.error.issues[0]?.message ?? 'invalid' });
        return z.NEVER;
      }
      out[key] = read.data as z.output<V>;
    }
    return Object.freeze(out);
  });
}

/** A field map as the records keep it: string values on a frozen null-prototype object. */
export const fieldMapSchema = userKeyed(z.string().max(4096));
