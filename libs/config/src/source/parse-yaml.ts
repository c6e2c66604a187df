/**
 * YAML text → SourceDoc, with syntax errors, duplicate keys, unknown tags and bad aliases reported
 * at their line and column.
 *
 * The `yaml` package parses; the conversion to JSON is done here, in one pass that also records
 * positions. This keeps loading linear in the size of the file (the package's duplicate-key check
 * and alias resolution are quadratic) and lets alias problems point at the alias.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import { childPointer, displayPath, type Pointer, UserError, UserErrors, type SourceLocation } from '@ablate/spec';
import type { PositionMap, SourceDoc } from './document';
import { isObject, type Json, type JsonObject } from './json';
import { LineIndex } from './line-index';
import { parseYamlFast } from './parse-yaml-fast';
import { keyString, scalarJson, setKey } from './yaml-values';

const DEPTH_HINT = 'Flatten the structure; an experiment needs a few levels of nesting.';

const SYNTAX_HINTS: Record<string, string> = {
  BAD_INDENT: 'Check the indentation: nested keys must be indented more than their parent, siblings equally, with spaces.',
  TAB_AS_INDENT: 'Indent with spaces; YAML does not allow tabs for indentation.',
  MISSING_CHAR: 'A closing bracket, brace or quote is missing.',
  BLOCK_AS_IMPLICIT_KEY: 'A key seems to be missing its colon, or a line is indented too far.',
  MULTILINE_IMPLICIT_KEY: 'A key seems to be missing its colon, a line is indented too far, or a value runs over several lines without quotes.',
  UNEXPECTED_TOKEN: 'Check the indentation and the punctuation around this point.',
  BAD_SCALAR_START: 'Quote values that begin with a special character (@, `, %, |, >, ...).',
  RESOURCE_EXHAUSTION: DEPTH_HINT,
};

const DUPLICATE_HINT = 'A key may appear only once in a mapping; YAML would silently keep one of them. Remove or rename one.';

/** The tags of the YAML 1.2 core schema; anything else (`!!python/object`, `!custom`, `!!binary`) is refused. */
const CORE_TAGS = new Map(['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => [`tag:yaml.org,2002:${t}`, `!!${t}`]));
/** What each core tag accepts, for a value that does not fit its tag (`!!int abc`, `!!map [1]`). */
const TAG_TAKES: Record<string, string> = {
  '!!str': 'a scalar (text)',
  '!!int': 'an integer',
  '!!float': 'a number written with a decimal point or an exponent (1.5, 1e-3, .inf)',
  '!!bool': 'true or false',
  '!!null': 'null, ~ or nothing',
  '!!seq': 'a list',
  '!!map': 'a mapping',
};
const TAG_HINT = `An experiment is plain YAML 1.2 data: the only tags allowed are ${[...CORE_TAGS.values()].join(', ')} (and the non-specific \`!\`). Remove the tag, or quote the value to keep it as text.`;

/**
 * At most this many values may come from aliases (`*name`) in one file. Each alias copies its
 * anchor's whole value, so nested aliases grow exponentially ("billion laughs"); real experiments
 * use a few.
 */
export const MAX_ALIAS_VALUES = 100_000;

/** Nesting deeper than this is refused before it can exhaust the stack. */
const MAX_DEPTH = 1_000;

interface Problem {
  offset: number;
  error: UserError;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

class Converter {
  readonly positions: PositionMap = new Map();
  readonly problems: Problem[] = [];
  /** The latest node that defined each anchor name, in document order. */
  private readonly anchors = new Map<string, Node>();
  /** Anchored nodes already converted, with the number of values in each, for their aliases. */
  private readonly done = new Map<Node, { value: Json; size: number }>();
  /** Anchored nodes being converted (an alias to one of them would be a cycle). */
  private readonly open = new Set<Node>();
  /** Values produced so far, aliases counting their whole copy. */
  private count = 0;
  private aliasValues = 0;
  private exhausted = false;
  private tooDeep = false;

  constructor(
    private readonly index: LineIndex,
    private readonly text: string,
    private readonly doc: Document,
    /** Offsets of the tags the parser could not apply (it warns, and keeps the value as text). */
    private readonly unresolvedTags: ReadonlySet<number>,
  ) {}

  location(offset: number): SourceLocation {
    return this.index.at(offset);
  }

  private problem(offset: number, message: string, hint: string, pointer: Pointer | undefined): void {
    this.problems.push({
      offset,
      error: new UserError(message, { at: this.location(offset), path: pointer ? displayPath(pointer) : undefined, hint }),
    });
  }

  /**
   * Converts `node`; when `pointer` is given, records its position (and its children's). `keyAt`
   * is where its key is; `fallback` stands for its position when it has no range.
   */
  convert(node: unknown, pointer: Pointer | undefined, keyAt: SourceLocation | undefined, fallback: SourceLocation, depth: number): Json {
    const range = (node as Node | null)?.range;
    const here = range ? this.location(range[0]) : (keyAt ?? fallback);
    if (pointer !== undefined) {
      const kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : 'scalar';
      this.positions.set(pointer, keyAt ? { key: keyAt, value: here, kind } : { value: here, kind });
    }
    this.count++;
    if (node === null || node === undefined) return null;
    if (isScalar(node)) {
      if (node.tag) this.checkTag(node, pointer);
      const value = node.value;
      if (node.anchor) this.done.set(this.anchor(node), { value: scalarJson(value), size: 1 });
      return scalarJson(value);
    }
    if (depth > MAX_DEPTH) {
      if (!this.tooDeep) this.problem(range?.[0] ?? 0, `YAML nesting deeper than ${MAX_DEPTH} levels.`, DEPTH_HINT, pointer);
      this.tooDeep = true;
      return null;
    }
    if (isAlias(node)) return this.alias(node, pointer, range?.[0] ?? 0);
    const n = node as Node;
    if (n.tag) this.checkTag(n, pointer);
    const anchored = n.anchor ? this.anchor(n) : undefined;
    const before = this.count;
    if (anchored) this.open.add(anchored);
    const value = isMap(n) ? this.map(n, pointer, here, depth) : isSeq(n) ? this.seq(n, pointer, here, depth) : null;
    if (anchored) {
      this.open.delete(anchored);
      this.done.set(anchored, { value, size: this.count - before + 1 });
    }
    return value;
  }

  private anchor(node: Node): Node {
    this.anchors.set(node.anchor as string, node);
    return node;
  }

  private map(node: Node & { items: unknown[] }, pointer: Pointer | undefined, here: SourceLocation, depth: number): Json {
    const object: JsonObject = {};
    // Line of each key, to report a duplicate (the `yaml` package's own check is quadratic).
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (isMergeKey(keyNode)) {
        this.merge(object, pair.value, pointer === undefined ? undefined : childPointer(pointer, '<<'), here, depth);
        continue;
      }
      const key = keyString(this.convert(keyNode, undefined, undefined, here, depth + 1));
      this.count--; // a key is not a value of its own
      const keyOffset = keyNode?.range?.[0];
      const keyAt = keyOffset !== undefined ? this.location(keyOffset) : here;
      const child = pointer === undefined ? undefined : childPointer(pointer, key);
      const first = seen.get(key);
      if (first !== undefined) {
        this.problem(keyOffset ?? 0, `YAML duplicate key: "${key}" is already set at line ${first} of this mapping.`, DUPLICATE_HINT, child);
      } else {
        seen.set(key, keyAt.line);
      }
      setKey(object, key, this.convert(pair.value, child, keyAt, keyAt, depth + 1));
    }
    return object;
  }

  /** `<<: *defaults` (or a list of them): the keys not set in this mapping are taken from the source. */
  private merge(object: JsonObject, valueNode: unknown, pointer: Pointer | undefined, here: SourceLocation, depth: number): void {
    // Merged entries have no positions of their own: errors inside them point at the mapping.
    const source = this.convert(valueNode, undefined, undefined, here, depth + 1);
    for (const s of Array.isArray(source) ? source : [source]) {
      if (!isObject(s)) {
        if (!this.exhausted) {
          const offset = (valueNode as Node | null)?.range?.[0] ?? 0;
          this.problem(offset, 'the merge key `<<` needs a mapping, an alias of one (`<<: *defaults`) or a list of them.', 'Point `<<:` at an anchored mapping, or write the keys out.', pointer);
        }
        continue;
      }
      for (const key of Object.keys(s)) if (!Object.prototype.hasOwnProperty.call(object, key)) setKey(object, key, s[key]);
    }
  }

  private seq(node: Node & { items: unknown[] }, pointer: Pointer | undefined, here: SourceLocation, depth: number): Json {
    const items = node.items;
    const array: Json[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) array[i] = this.convert(items[i], pointer === undefined ? undefined : childPointer(pointer, i), undefined, here, depth + 1);
    return array;
  }

  /** The alias' value comes from its anchor; errors inside it point at the alias. */
  private alias(node: Node & { source: string }, pointer: Pointer | undefined, offset: number): Json {
    const target = this.anchors.get(node.source);
    if (!target) {
      this.problem(
        offset,
        `YAML alias *${node.source} refers to no anchor: no value before it is marked &${node.source}.`,
        `Mark the value to repeat with &${node.source} before this line (an anchor must come before its aliases, in the same file; \`extends\` does not share anchors), or fix the name.`,
        pointer,
      );
      return null;
    }
    if (this.open.has(target)) {
      this.problem(offset, `YAML alias *${node.source} is inside the value anchored &${node.source}, so that value would contain itself.`, 'An alias may only repeat a value that is complete before it.', pointer);
      return null;
    }
    if (this.exhausted) return null;
    const { value, size } = this.done.get(target) as { value: Json; size: number };
    this.aliasValues += size;
    this.count += size - 1;
    if (this.aliasValues > MAX_ALIAS_VALUES) {
      this.exhausted = true;
      this.problem(
        offset,
        `YAML aliases expand too much: with *${node.source} here, the aliases of this file copy more than ${MAX_ALIAS_VALUES} values (each alias copies its anchor's whole value, so aliases of aliases grow exponentially).`,
        'Use fewer or smaller aliases; an experiment needs a few, e.g. to repeat a block of layers. `model.blocks` and `grid:` express repetition without copies.',
        pointer,
      );
      return null;
    }
    return value;
  }

  private checkTag(node: Node, pointer: Pointer | undefined): void {
    const tag = node.tag as string;
    if (tag === '!') return;
    const written = this.doc.directives?.tagString(tag) ?? tag;
    const start = node.range?.[0] ?? 0;
    const found = this.text.lastIndexOf(written, start);
    const offset = found >= 0 ? found : start;
    if (!CORE_TAGS.has(tag)) this.problem(offset, `unknown YAML tag ${written}.`, TAG_HINT, pointer);
    else if (this.unresolvedTags.has(offset)) this.problem(offset, `this value does not fit its tag ${written}, which takes ${TAG_TAKES[written] ?? 'another kind of value'}.`, 'Remove the tag, or change the value.', pointer);
  }
}

function syntaxError(converter: Converter, lines: LineCounter, error: YAMLError): UserError {
  // RESOURCE_EXHAUSTION: the parser ran out of stack ("Maximum call stack size exceeded").
  const message =
    error.code === 'RESOURCE_EXHAUSTION'
      ? 'the structure is nested too deeply to be read'
      : error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
  const first = lines.linePos(error.pos[0]).line;
  const last = lines.linePos(error.pos[1]).line;
  const span = last > first ? ` (lines ${first}-${last})` : '';
  return new UserError(`YAML syntax error${span}: ${message}.`, {
    at: converter.location(error.pos[0]),
    hint: SYNTAX_HINTS[error.code] ?? 'Fix the YAML syntax at this point.',
  });
}

/**
 * Parse YAML text. `file` is only used in positions and messages. Plain data takes the fast path
 * (parse-yaml-fast.ts); anything else, and every document with a mistake, is read by the full path.
 */
export function parseYaml(text: string, file: string): SourceDoc {
  return parseYamlFast(text, file) ?? parseYamlFull(text, file);
}

/** The full path: every YAML feature, every problem reported. */
export function parseYamlFull(text: string, file: string): SourceDoc {
  const lines = new LineCounter();
  // uniqueKeys is checked by the converter (the package's check is quadratic); resolveKnownTags
  // off so that YAML 1.1 tags (!!binary, !!timestamp, !!set, ...) stay unknown tags.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, merge: true, resolveKnownTags: false });
  const unresolvedTags = new Set(doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED' || w.code === 'BAD_COLLECTION_TYPE').map((w) => w.pos[0]));
  const converter = new Converter(new LineIndex(file, lines.lineStarts), text, doc, unresolvedTags);
  const value = converter.convert(doc.contents, '', undefined, { file, line: 1, col: 1 }, 0);
  // The parser often reports one mistake twice from the same place; keep the widest report.
  const byStart = new Map<number, YAMLError>();
  for (const e of doc.errors) {
    const seen = byStart.get(e.pos[0]);
    if (!seen || e.pos[1] > seen.pos[1]) byStart.set(e.pos[0], e);
  }
  const problems = [...byStart.values()].map((e): Problem => ({ offset: e.pos[0], error: syntaxError(converter, lines, e) })).concat(converter.problems);
  if (problems.length > 0) {
    const errors = problems.sort((a, b) => a.offset - b.offset).map((p) => p.error);
    throw errors.length === 1 ? errors[0] : new UserErrors(errors);
  }
  return { value, positions: converter.positions, files: [file] };
}
