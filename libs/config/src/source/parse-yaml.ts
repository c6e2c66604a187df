/** YAML text → SourceDoc, with syntax errors and duplicate keys reported at their line and column. */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLError } from 'yaml';
import { UserError, UserErrors, type SourceLocation } from '@ablate/spec';
import type { NodePosition, PositionMap, SourceDoc } from './document';
import type { Json } from './json';
import { childPointer, type Pointer } from '@ablate/spec';

const SYNTAX_HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'A key may appear only once in a mapping; YAML would silently keep one of them. Remove or rename one.',
  BAD_INDENT: 'Check the indentation: nested keys must be indented more than their parent, siblings equally, with spaces.',
  TAB_AS_INDENT: 'Indent with spaces; YAML does not allow tabs for indentation.',
  MISSING_CHAR: 'A closing bracket, brace or quote is missing.',
  BLOCK_AS_IMPLICIT_KEY: 'A key seems to be missing its colon, or a line is indented too far.',
  MULTILINE_IMPLICIT_KEY: 'A key seems to be missing its colon, a line is indented too far, or a value runs over several lines without quotes.',
  UNEXPECTED_TOKEN: 'Check the indentation and the punctuation around this point.',
  BAD_SCALAR_START: 'Quote values that begin with a special character (@, `, %, |, >, ...).',
};

function location(file: string, lines: LineCounter, offset: number): SourceLocation {
  const { line, col } = lines.linePos(offset);
  return { file, line, col };
}

function syntaxError(file: string, lines: LineCounter, error: YAMLError): UserError {
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
  const first = lines.linePos(error.pos[0]).line;
  const last = lines.linePos(error.pos[1]).line;
  const span = last > first ? ` (lines ${first}-${last})` : '';
  return new UserError(`YAML ${error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax error'}${span}: ${message}.`, {
    at: location(file, lines, error.pos[0]),
    hint: SYNTAX_HINTS[error.code] ?? 'Fix the YAML syntax at this point.',
  });
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function record(positions: PositionMap, pointer: Pointer, node: Node | null, key: SourceLocation | undefined, at: SourceLocation, file: string, lines: LineCounter): void {
  const value = node?.range ? location(file, lines, node.range[0]) : (key ?? at);
  const kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : 'scalar';
  const position: NodePosition = key ? { key, value, kind } : { value, kind };
  positions.set(pointer, position);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const name = keyText(pair.key);
      if (name === '<<') continue; // YAML merge key: its entries have no position of their own
      const keyNode = pair.key as Node | null;
      const keyAt = keyNode?.range ? location(file, lines, keyNode.range[0]) : value;
      record(positions, childPointer(pointer, name), pair.value as Node | null, keyAt, keyAt, file, lines);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => record(positions, childPointer(pointer, i), item as Node, undefined, value, file, lines));
  } else if (isAlias(node)) {
    // The alias' value comes from its anchor; errors inside it point at the alias.
  }
}

/** Parse YAML text. `file` is only used in positions and messages. */
export function parseYaml(text: string, file: string): SourceDoc {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    // The parser often reports one mistake twice from the same place; keep the widest report.
    const byStart = new Map<number, YAMLError>();
    for (const e of doc.errors) {
      const seen = byStart.get(e.pos[0]);
      if (!seen || e.pos[1] > seen.pos[1]) byStart.set(e.pos[0], e);
    }
    const errors = [...byStart.values()].map((e) => syntaxError(file, lines, e));
    throw errors.length === 1 ? errors[0] : new UserErrors(errors);
  }
  const value = (doc.toJS({ maxAliasCount: 10000 }) ?? null) as Json;
  const positions: PositionMap = new Map();
  record(positions, '', doc.contents as Node | null, undefined, { file, line: 1, col: 1 }, file, lines);
  return { value, positions, files: [file] };
}
