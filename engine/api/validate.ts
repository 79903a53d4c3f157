// Argument checks for API operations: every door hands over untrusted JSON, so each
// operation states the shape it accepts and gets a typed value or a clear ArgError.

export class ArgError extends Error {}

export type Check<T> = (value: unknown, where: string) => T;

export const string =
  (maxLength = 1000): Check<string> =>
  (v, where) => {
    if (typeof v !== 'string') throw new ArgError(`${where} must be a string`);
    if (v.length > maxLength) throw new ArgError(`${where} is longer than ${maxLength} characters`);
    return v;
  };

export const nonEmpty =
  (maxLength = 1000): Check<string> =>
  (v, where) => {
    const s = string(maxLength)(v, where).trim();
    if (s === '') throw new ArgError(`${where} must not be empty`);
    return s;
  };

export const integer =
  (min: number, max: number): Check<number> =>
  (v, where) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ArgError(`${where} must be an integer from ${min} to ${max}`);
    return v;
  };

export const number =
  (min: number, max: number): Check<number> =>
  (v, where) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new ArgError(`${where} must be a number from ${min} to ${max}`);
    return v;
  };

export const oneOf =
  <T extends string>(...values: T[]): Check<T> =>
  (v, where) => {
    if (!values.includes(v as T)) throw new ArgError(`${where} must be one of ${values.join(', ')}`);
    return v as T;
  };

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, where) =>
    v === undefined ? undefined : check(v, where);

export const listOf =
  <T>(check: Check<T>, maxItems: number): Check<T[]> =>
  (v, where) => {
    if (!Array.isArray(v)) throw new ArgError(`${where} must be a list`);
    if (v.length > maxItems) throw new ArgError(`${where} has more than ${maxItems} items`);
    return v.map((item, i) => check(item, `${where}[${i}]`));
  };

export const nonEmptyList =
  <T>(check: Check<T>, maxItems: number): Check<T[]> =>
  (v, where) => {
    const list = listOf(check, maxItems)(v, where);
    if (list.length === 0) throw new ArgError(`${where} must name at least one`);
    return list;
  };

type Shape = Record<string, Check<unknown>>;
type Value<S extends Shape, K extends keyof S> = ReturnType<S[K]>;
// a field whose check accepts undefined is an optional field of the value
type ShapeValue<S extends Shape> = { [K in keyof S as undefined extends Value<S, K> ? never : K]: Value<S, K> } & {
  [K in keyof S as undefined extends Value<S, K> ? K : never]?: Value<S, K>;
};

/** An object with exactly these fields (unknown fields are refused, not ignored). */
export function object<S extends Shape>(shape: S): Check<ShapeValue<S>> {
  return (v, where) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ArgError(`${where} must be an object`);
    const extra = Object.keys(v).filter((k) => !(k in shape));
    if (extra.length) throw new ArgError(`${where} has unknown field ${extra[0]}`);
    const out: Record<string, unknown> = {};
    for (const [k, check] of Object.entries(shape)) out[k] = check((v as Record<string, unknown>)[k], `${where}.${k}`);
    return out as ShapeValue<S>;
  };
}
