/**
 * Scalar building blocks of the experiment language.
 *
 * Every number, integer or boolean a researcher may want to vary in an ablation also accepts a
 * `${...}` expression (resolved at expansion or, inside a model, at compile time). The schema says
 * so with a single node per field (`type: [number, string]` + `pattern`), because JSON Schema's
 * `minimum` only applies to numbers and `pattern` only to strings: this keeps ajv's errors to one
 * per field instead of an `anyOf` cascade. The static TypeScript type is the resolved one.
 */
import { Type, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** A whole-string expression: `${vars.bn}`, `${i == 0 ? s : 1}`. */
export const EXPR_PATTERN = '^\\$\\{.+\\}$';

interface Annotations {
  description?: string;
  default?: unknown;
  examples?: unknown[];
}
interface NumberBounds extends Annotations {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export function num(opts: NumberBounds = {}): TUnsafe<number> {
  return Type.Unsafe<number>({ type: ['number', 'string'], pattern: EXPR_PATTERN, ...opts });
}

export function int(opts: NumberBounds = {}): TUnsafe<number> {
  return Type.Unsafe<number>({ type: ['integer', 'string'], pattern: EXPR_PATTERN, ...opts });
}

export function bool(opts: Annotations = {}): TUnsafe<boolean> {
  return Type.Unsafe<boolean>({ type: ['boolean', 'string'], pattern: EXPR_PATTERN, ...opts });
}

/** Free text; `${...}` may appear inside it and is substituted as text. */
export function text(opts: Annotations & { minLength?: number } = {}): TUnsafe<string> {
  return Type.Unsafe<string>({ type: 'string', ...opts });
}

/** One of a fixed set of names, or an expression choosing one. */
export function choice<T extends string>(values: readonly T[], opts: Annotations = {}): TUnsafe<T> {
  return Type.Unsafe<T>({
    type: 'string',
    anyOf: [{ enum: [...values] }, { pattern: EXPR_PATTERN }],
    ...opts,
  });
}

/** An integer or one integer per axis (`kernel: 3` or `kernel: [7, 3, 3]`). */
export function intOrTuple(opts: NumberBounds & { maxItems?: number } = {}): TUnsafe<number | number[]> {
  const { maxItems, ...bounds } = opts;
  const { description, default: dflt, examples, ...limits } = bounds;
  return Type.Unsafe<number | number[]>({
    type: ['integer', 'array', 'string'],
    pattern: EXPR_PATTERN,
    ...limits,
    items: { type: ['integer', 'string'], pattern: EXPR_PATTERN, ...limits },
    minItems: 1,
    ...(maxItems === undefined ? {} : { maxItems }),
    ...(description === undefined ? {} : { description }),
    ...(dflt === undefined ? {} : { default: dflt }),
    ...(examples === undefined ? {} : { examples }),
  });
}

/** A list of integers, e.g. a shape; `-1`/`null` are not allowed here. */
export function intList(opts: NumberBounds & Annotations & { minItems?: number } = {}): TUnsafe<number[]> {
  const { description, default: dflt, minItems, ...limits } = opts;
  return Type.Unsafe<number[]>({
    type: ['array', 'string'],
    pattern: EXPR_PATTERN,
    items: { type: ['integer', 'string'], pattern: EXPR_PATTERN, ...limits },
    ...(minItems === undefined ? {} : { minItems }),
    ...(description === undefined ? {} : { description }),
    ...(dflt === undefined ? {} : { default: dflt }),
  });
}

/** A list of `T`, or one `T` (normalised to a list by the consumer). */
export function oneOrMany<T extends TSchema>(item: T, opts: Annotations = {}) {
  return Type.Union([item, Type.Array(item, { minItems: 1 })], opts);
}

/** A closed object: unknown keys are errors (with a "did you mean" hint). */
export function closed<P extends Parameters<typeof Type.Object>[0]>(properties: P, opts: Annotations & { title?: string } = {}) {
  return Type.Object(properties, { additionalProperties: false, ...opts });
}

/** Any JSON value (variables, patches). */
export const anyValue = () => Type.Unsafe<unknown>({});
