/**
 * ajv errors → one paragraph each: where (file:line:col and YAML path), what is wrong, and what
 * would be valid. ajv reports every failing branch of a union; these are folded into the one
 * message a researcher needs.
 */
import type { ErrorObject } from 'ajv';
import { UserError, type SourceLocation } from '../errors';
import { EXPR_PATTERN } from '../schema/primitives';
import { childPointer, displayPath, type Pointer } from '../pointer';
import { didYouMean, listOf } from '../hints';
import { describeSchema, describeValue } from './describe-schema';

type Schema = Record<string, unknown>;

/** Where a node of the validated value was written: its key or its value. */
export type Locate = (pointer: Pointer, prefer?: 'key' | 'value') => SourceLocation | undefined;

/** Where a key absent from the validated value was deleted by a null (`key: null`, `--set key=null`), if it was. */
export type LocateRemoved = (pointer: Pointer) => SourceLocation | undefined;

const under = (error: ErrorObject, prefix: string) => error.schemaPath.startsWith(prefix + '/');

/** Folds the errors of union branches into their union, keeping the most specific ones. */
function fold(errors: ErrorObject[]): ErrorObject[] {
  let out = errors.filter((e) => e.keyword !== 'if');
  // A value of the wrong type also fails its bounds; the type error says enough.
  const mistyped = new Set(out.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  out = out.filter((e) => !(mistyped.has(e.instancePath) && ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].includes(e.keyword)));
  // A discriminator error already names the bad `type`; the enum on `type` repeats it.
  const tagged = new Set(out.filter((e) => e.keyword === 'discriminator').map((e) => e.instancePath));
  out = out.filter((e) => !(e.keyword === 'enum' && tagged.has(e.instancePath.replace(/\/type$/, '')) && e.instancePath.endsWith('/type')));
  // ... and a missing `type` is reported once, by the discriminator.
  out = out.filter((e) => !(e.keyword === 'required' && tagged.has(e.instancePath) && (e.params as { missingProperty?: string }).missingProperty === 'type'));
  const unions = out.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!out.includes(union)) continue;
    const branch = out.filter((e) => under(e, union.schemaPath.replace(/\/(anyOf|oneOf)$/, '/$1')));
    const deeper = branch.filter((e) => e.instancePath !== union.instancePath && e.instancePath.startsWith(union.instancePath));
    if (deeper.length > 0) {
      out = out.filter((e) => e !== union && (!branch.includes(e) || deeper.includes(e)));
    } else {
      out = out.filter((e) => !branch.includes(e));
    }
  }
  return out;
}

function keysOf(schema: Schema): string[] {
  return Object.keys((schema.properties as Schema | undefined) ?? {});
}

/** " in this conv2d layer" for a member of a tagged union; nothing elsewhere (the path says where). */
function place(schema: Schema): string {
  const tagged = ((schema.properties as Schema | undefined)?.type as Schema | undefined)?.const;
  return tagged !== undefined && typeof schema.title === 'string' ? ` in this ${schema.title}` : '';
}

const sentence = (text: string) => text.replace(/\.$/, '');

/**
 * "missing key" for a key that a null deleted (`key: null` or `key:` over an inherited value,
 * `--set key=null`). At the top level, or when the mapping is written elsewhere (a base file, or
 * the null comes from --set), the error points at the null; in a mapping written in the same file
 * it points at the mapping, as other missing keys do, and names the null's line.
 */
function removedRequired(key: string, pointer: Pointer, parentAt: SourceLocation | undefined, deletedAt: SourceLocation, where: string, valid: string): UserError {
  const fromCommandLine = deletedAt.line === 0;
  if (pointer !== '' && parentAt && parentAt.file === deletedAt.file && !fromCommandLine) {
    return new UserError(`missing the required key "${key}"${where}: its null or empty value at line ${deletedAt.line} deletes it (a null removes the key it overrides).`, {
      at: parentAt,
      path: displayPath(pointer),
      hint: `Add \`${key}:\` with ${valid}, or delete line ${deletedAt.line} to keep the inherited value.`,
    });
  }
  return new UserError(
    fromCommandLine
      ? `"${key}" is required${where}, but this override deletes it (null removes a key).`
      : `"${key}" is required${where}, but its null or empty value here deletes it (a null removes the key it overrides).`,
    {
      at: deletedAt,
      path: displayPath(childPointer(pointer, key)),
      hint: `Give \`${key}\` ${valid}, or ${fromCommandLine ? 'drop this --set' : 'delete this line to keep the inherited value'}.`,
    },
  );
}

/** Keys the language no longer has, with where what they did lives now. */
const RETIRED_KEYS: Record<string, string> = {
  'evaluation.metrics': 'Every metric of the task is recorded; choose what the table shows with report.columns (e.g. columns: [{ metric: test.kappa }]). ',
  'evaluation.per_class': "Per-class precision, recall and F1 are always recorded (metrics.json's test_per_class) and drawn by the per_class plot. ",
};

function toUserError(error: ErrorObject, locate: Locate, pointerPrefix: Pointer, removed?: LocateRemoved): UserError {
  const pointer = pointerPrefix + error.instancePath;
  const parent = (error.parentSchema ?? {}) as Schema;
  const at = (p: Pointer, prefer: 'key' | 'value' = 'value') => locate(p, prefer);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const child = childPointer(pointer, key);
      if (parent.patternProperties) {
        return new UserError(`"${key}" is not a valid name here.`, {
          at: at(child, 'key'),
          path: displayPath(child),
          hint: typeof parent.description === 'string' ? parent.description : 'Use letters, digits and underscores.',
        });
      }
      const valid = keysOf(parent);
      const path = displayPath(child);
      return new UserError(`unknown key "${key}"${place(parent)}.`, {
        at: at(child, 'key'),
        path,
        hint: `${RETIRED_KEYS[path] ?? didYouMean(key, valid)}Valid keys here: ${listOf(valid)}.`,
      });
    }
    case 'required': {
      const key = String(params.missingProperty);
      const property = ((parent.properties as Schema | undefined) ?? {})[key];
      const described = property ? describeSchema(property) : 'a value';
      const description = property && typeof (property as Schema).description === 'string' ? ` (${sentence((property as Schema).description as string)})` : '';
      const deletedAt = removed?.(childPointer(pointer, key));
      if (deletedAt) return removedRequired(key, pointer, at(pointer, 'key'), deletedAt, place(parent), `${described}${description}`);
      return new UserError(`missing the required key "${key}"${place(parent)}.`, {
        at: at(pointer, 'key'),
        path: displayPath(pointer),
        hint: `Add \`${key}:\` with ${described}${description}.`,
      });
    }
    case 'discriminator': {
      const tag = String(params.tag);
      const oneOf = (parent.oneOf as Schema[] | undefined) ?? [];
      const names = oneOf.map((b) => ((b.properties as Schema)[tag] as Schema).const as string);
      const kind = typeof parent.title === 'string' ? parent.title : 'component';
      const value = error.data && typeof error.data === 'object' ? (error.data as Schema)[tag] : undefined;
      if (params.error === 'mapping' && typeof value === 'string') {
        return new UserError(`unknown ${kind} type "${value}".`, {
          at: at(childPointer(pointer, tag)),
          path: displayPath(childPointer(pointer, tag)),
          hint: `${didYouMean(value, names)}Available: ${listOf(names)}.`,
        });
      }
      const tagDeletedAt = removed?.(childPointer(pointer, tag));
      if (tagDeletedAt) return removedRequired(tag, pointer, at(pointer, 'key'), tagDeletedAt, ` in this ${kind}`, `one of ${listOf(names)}`);
      const glued = error.data && typeof error.data === 'object' ? Object.keys(error.data as Schema).filter((k) => /^\w+:\S/.test(k)) : [];
      return new UserError(`this ${kind} needs a \`${tag}:\` naming what it is.`, {
        at: at(pointer, 'key'),
        path: displayPath(pointer),
        hint: glued.length
          ? `YAML reads "${glued[0]}" as one key: put a space after the colon ({${glued[0].replace(':', ': ')}}), or set fields one by one with dotted paths (--set ${displayPath(pointer)}.${glued[0].replace(':', '=')}).`
          : `Available: ${listOf(names)}.`,
      });
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const value = error.data;
      return new UserError(`${describeValue(value)} is not an allowed value.`, {
        at: at(pointer),
        path: displayPath(pointer),
        hint: `${typeof value === 'string' ? didYouMean(value, allowed.map(String)) : ''}Allowed: ${listOf(allowed)}.`,
      });
    }
    case 'anyOf':
    case 'oneOf': {
      const value = error.data;
      const allowed = describeSchema(parent);
      const enums = (s: Schema): string[] =>
        Array.isArray(s.enum) ? (s.enum as string[]) : Array.isArray(s.anyOf) ? (s.anyOf as Schema[]).flatMap(enums) : [];
      const options = enums(parent);
      return new UserError(`${describeValue(value)} is not valid here.`, {
        at: at(pointer),
        path: displayPath(pointer),
        hint: `${typeof value === 'string' ? didYouMean(value, options) : ''}Expected ${allowed}.`,
      });
    }
    case 'type':
    case 'pattern': {
      if (error.keyword === 'pattern' && parent.pattern !== EXPR_PATTERN) {
        return new UserError(`${describeValue(error.data)} does not have the expected form.`, {
          at: at(pointer),
          path: displayPath(pointer),
          hint: typeof parent.description === 'string' ? parent.description : `It must match ${String(params.pattern)}.`,
        });
      }
      const expression = error.keyword === 'pattern' ? ' (a string here must be a whole ${...} expression)' : '';
      return new UserError(`expected ${describeSchema(parent)}, got ${describeValue(error.data)}${expression}.`, {
        at: at(pointer),
        path: displayPath(pointer),
        hint: typeof parent.description === 'string' ? parent.description : undefined,
      });
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return new UserError(`${String(error.data)} is out of range: it must be ${String(params.comparison)} ${String(params.limit)}.`, {
        at: at(pointer),
        path: displayPath(pointer),
        hint: typeof parent.description === 'string' ? parent.description : undefined,
      });
    case 'minItems':
    case 'maxItems':
      return new UserError(
        `this list has ${(error.data as unknown[]).length} items; it must have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)}.`,
        { at: at(pointer), path: displayPath(pointer), hint: typeof parent.description === 'string' ? parent.description : undefined },
      );
    case 'uniqueItems':
      return new UserError(`items ${String(params.j)} and ${String(params.i)} of this list are equal; each must appear once.`, {
        at: at(childPointer(pointer, String(params.i))),
        path: displayPath(pointer),
      });
    case 'const':
      return new UserError(`must be ${JSON.stringify(params.allowedValue)}.`, { at: at(pointer), path: displayPath(pointer) });
    default:
      return new UserError(`${error.message ?? 'is not valid'}.`, { at: at(pointer), path: displayPath(pointer) });
  }
}

/** User errors for ajv's errors, sorted by position. `pointerPrefix` places a sub-document (a model file) in its parent. */
export function schemaErrors(errors: readonly ErrorObject[], locate: Locate, pointerPrefix: Pointer = '', removed?: LocateRemoved): UserError[] {
  const folded = fold([...errors]);
  const seen = new Set<string>();
  const out: UserError[] = [];
  for (const error of folded) {
    const user = toUserError(error, locate, pointerPrefix, removed);
    const key = user.format();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(user);
    }
  }
  return out.sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.col ?? 0) - (b.at?.col ?? 0));
}

