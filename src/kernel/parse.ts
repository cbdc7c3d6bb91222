// The one way untrusted input enters the library (ARC-4, ARC-5): a zod schema reads it into the
// library's own frozen copy, keys outside the schema dropped, and whatever the input does while it is
// read (a throwing getter, a Proxy trap, a BigInt where text belongs) ends as a 400 naming the field,
// never as an exception.
import { err, ok, type Result } from 'neverthrow';
import { z, type ZodType } from 'zod';
import { deepFreeze } from './frozen';
import { invalidInput, type InputPath, type Refusal } from './refusals';

/**
 * Reads untrusted input with a schema: the parsed copy, or a 400 naming the first offending field (ARC-4).
 * The copy is the library's own (every schema here copies what it reads); `freeze` freezes it whole, for a
 * copy that is kept or handed out, and a copy used only while a call runs is left as it is.
 */
export function parseWith<S extends ZodType>(schema: S, input: unknown, root: InputPath = [], freeze = false): Result<z.output<S>, Refusal<'invalidInput'>> {
  try {
    const parsed = schema.safeParse(input);
    if (parsed.success) return ok(freeze ? deepFreeze(parsed.data as z.output<S>) : (parsed.data as z.output<S>));
    // Zod words its issues lazily, and the wording may read the input again: inside the guard as well.
    const issue = parsed.error.issues[0];
    const path = [...root, ...(issue?.path ?? []).map((p) => (typeof p === 'number' ? p : String(p)))];
    return err(invalidInput(path, issue?.message ?? 'invalid'));
  } catch (error) {
    // Only the input can throw here: a getter, a Proxy trap, a value whose conversion throws.
    return err(invalidInput(root, `unreadable input (${error instanceof Error ? error.name : typeof error})`));
  }
}

/**
 * The library's own copy of a path a caller gives to prefix its errors with: a short list of field names
 * and indexes, or the empty path for anything else, including a list whose reading throws (ARC-5).
 */
export function pathFrom(value: unknown): InputPath {
  try {
    if (!Array.isArray(value) || value.length > 32) return [];
    const out: (string | number)[] = [];
    for (const p of value as unknown[]) {
      if ((typeof p === 'string' && p.length <= 256) || (typeof p === 'number' && Number.isSafeInteger(p))) out.push(p);
      else return [];
    }
    return out;
  } catch {
    return [];
  }
}

/** Bounded text. */
export function text(max: number): z.ZodString {
  return z.string().max(max);
}

// Records and lists are typed read-only, and `parseWith` freezes the copy it hands back. Not zod's own
// `.readonly()`: that freezes the value it was given even when it refuses it, which would freeze a
// caller's object.

/** An object schema: keys outside the shape are dropped; the copy is read-only once `parseWith` returns it (ARC-4). */
export function record<Shape extends z.ZodRawShape>(shape: Shape): z.ZodReadonly<z.ZodObject<Shape>> {
  return z.object(shape) as unknown as z.ZodReadonly<z.ZodObject<Shape>>;
}

/** A list schema of `min` to `max` items, read-only once `parseWith` returns it. */
export function list<T extends ZodType>(item: T, max: number, min = 0): z.ZodReadonly<z.ZodArray<T>> {
  return z.array(item).min(min).max(max) as unknown as z.ZodReadonly<z.ZodArray<T>>;
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
