/** Plain-words descriptions of schemas and values, for error messages ("a number > 0", "the string "abc""). */
import { EXPR_PATTERN } from '../schema/primitives';
import { listOf } from '../hints';

type Schema = Record<string, unknown>;

function bounds(s: Schema): string {
  const parts: string[] = [];
  if (typeof s.minimum === 'number') parts.push(`>= ${s.minimum}`);
  if (typeof s.exclusiveMinimum === 'number') parts.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.maximum === 'number') parts.push(`<= ${s.maximum}`);
  if (typeof s.exclusiveMaximum === 'number') parts.push(`< ${s.exclusiveMaximum}`);
  return parts.length ? ' ' + parts.join(' and ') : '';
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  null: 'null',
};

const PLURAL_TYPE_WORDS: Record<string, string> = {
  number: 'numbers',
  integer: 'integers',
  boolean: 'true/false values',
  array: 'lists',
  object: 'mappings',
  string: 'strings',
  null: 'nulls',
};

/** "a layer", "an optimizer". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "a number > 0", "one of same, valid", "an integer or a list of integers"; `plural` gives "integers >= 1". */
export function describeSchema(schema: unknown, plural = false): string {
  if (schema === true || schema === undefined) return plural ? 'values' : 'any value';
  const s = schema as Schema;
  if (Array.isArray(s.enum)) return `${plural ? 'values among' : 'one of'} ${listOf(s.enum)}`;
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.anyOf)) {
    if (typeof s.description === 'string' && typeof s.title === 'string') return `${s.title}: ${s.description}`;
    // choice(): [{enum}, {pattern}] — the expression branch is implied everywhere.
    const parts = (s.anyOf as Schema[]).filter((b) => !(b.pattern === EXPR_PATTERN && b.type === undefined)).map((b) => describeSchema(b, plural));
    return parts.join(', or ');
  }
  if (typeof s.title === 'string' && (s.type === 'object' || s.oneOf || s.if)) return plural ? `${s.title}s` : withArticle(s.title);
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t): t is string => typeof t === 'string');
  const expr = s.pattern === EXPR_PATTERN;
  const words = types
    .filter((t) => !(expr && t === 'string'))
    .map((t) => {
      if (t === 'array' && s.items && typeof s.items === 'object') return `${plural ? 'lists' : 'a list'} of ${describeSchema(s.items, true)}`;
      return ((plural ? PLURAL_TYPE_WORDS[t] : TYPE_WORDS[t]) ?? t) + (t === 'number' || t === 'integer' ? bounds(s) : '');
    });
  return words.length ? words.join(' or ') : 'a valid value';
}

/** `the string "abc"`, `the number -1`, `a list`, `a mapping`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  return `${typeof value === 'boolean' ? 'the value' : 'the number'} ${String(value)}`;
}
