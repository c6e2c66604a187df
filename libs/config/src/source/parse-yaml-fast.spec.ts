/**
 * The fast YAML path must give exactly what the full path gives — the same value and the same
 * position for every node — or decline. Checked on every YAML file of the repository (experiments,
 * models, the malformed corpus) and on snippets of each YAML construct.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Schema } from 'yaml';
import { MAYBE_NOT_TEXT, parseYamlFast } from './parse-yaml-fast';
import { parseYamlFull } from './parse-yaml';
import type { SourceDoc } from './document';

const ROOT = join(__dirname, '../../../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const SNIPPETS: Record<string, string> = {
  'empty values': 'a:\nb: 1\nc:   \n  # comment\nd: ~\ne: null\n',
  'comments everywhere': '# head\na: 1 # after\n# between\nb:\n  - x # item\n  # inside\n  - y\n',
  'nested maps after a comment': 'a: # comment\n  x: 1\n  y:\n    z: [1, 2]\n',
  'core scalars': 'a: 0x1F\nb: 0o17\nc: .inf\nd: -.Inf\ne: .nan\nf: 1_000\ng: 1e3\nh: +12\ni: 012\nj: 1.\nk: True\nl: yes\nm: NULL\nn: 123456789012345678901234\no: -1.5e+3\np: 1:2\nq: a#b\nr: http://x\n',
  'keys that are numbers or booleans': '1: a\n1.5: b\ntrue: c\n0x10: d\n',
  'quoted and folded text': 'a: "x\\ty \\u00e9\\x41"\nb: \'it\'\'s\'\nc: "multi\n  line"\nd: plain\n  continued\n',
  'block scalars': 'x: |\n  foo\n  bar\ny: >-\n  a\n  b\nz: |+\n  keep\n\nw: 1\n',
  'flow collections over lines': 'a: [1,\n  2,\n  3]\nb: {c: 1,\n  d: 2}\ne: [{f: g}, [h]]\n',
  'lists of lists and maps': '- - 1\n  - 2\n- a: 1\n  b:\n  - c\n- d\n',
  'lists at the indentation of their key': 'a:\n- 1\n- 2\nb:\n  -   1\n  -   - 2\n      - 3\n',
  'a document start': '---\na: 1\n',
  'CRLF line ends': 'a:\r\n  b: 1\r\n  c: [1,2]\r\n',
  'quoted keys': '"quoted key": 1\n\'k2\': 2\n',
  'a __proto__ key': '__proto__: 1\nb: { __proto__: 2 }\n',
  'trailing tab': 'k: v\t\n',
};

/** Same value, same position for every node; the first difference otherwise. */
function difference(fast: SourceDoc, full: SourceDoc): string | undefined {
  if (JSON.stringify(fast.value) !== JSON.stringify(full.value)) return `value ${JSON.stringify(fast.value)} vs ${JSON.stringify(full.value)}`;
  if (fast.positions.size !== full.positions.size) return `${fast.positions.size} positions vs ${full.positions.size}`;
  for (const [pointer, position] of full.positions) {
    if (JSON.stringify(fast.positions.get(pointer)) !== JSON.stringify(position)) return `${pointer}: ${JSON.stringify(fast.positions.get(pointer))} vs ${JSON.stringify(position)}`;
  }
  return undefined;
}

function fullOrError(text: string): SourceDoc | Error {
  try {
    return parseYamlFull(text, 'f.yaml');
  } catch (error) {
    return error as Error;
  }
}

describe('the fast YAML path', () => {
  const files = [...yamlFiles(join(ROOT, 'experiments')), ...yamlFiles(join(ROOT, 'apps')), ...yamlFiles(join(ROOT, 'libs')), ...yamlFiles(join(ROOT, 'benchmarks'))];

  it('finds the repository’s YAML files', () => {
    expect(files.length).toBeGreaterThanOrEqual(74);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('gives what the full path gives, or declines: %s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const full = fullOrError(text);
    const fast = parseYamlFast(text, 'f.yaml');
    if (full instanceof Error) expect(fast).toBeUndefined();
    else if (fast) expect(difference(fast, full)).toBeUndefined();
  });

  it('reads every experiment and model file of experiments/ itself', () => {
    const declined = yamlFiles(join(ROOT, 'experiments')).filter((f) => !parseYamlFast(readFileSync(f, 'utf8'), 'f.yaml'));
    expect(declined.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it.each(Object.entries(SNIPPETS))('reads %s exactly as the full path', (_name, text) => {
    const full = fullOrError(text);
    if (full instanceof Error) throw full;
    const fast = parseYamlFast(text, 'f.yaml');
    expect(fast).toBeDefined();
    expect(difference(fast as SourceDoc, full)).toBeUndefined();
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a merge key', 'base: &b { x: 1 }\nc:\n  <<: *b\n'],
    ['a tag', 'a: !!str 1\n'],
    ['an unknown tag', 'a: !!python/object x\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['keys equal once read as numbers', '1: a\n1.0: b\n'],
    ['a null key', '~: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['an empty list item', '- \n- 2\n'],
    ['a flow key without a value', 'a: {b, c: 1}\n'],
    ['nothing', ''],
    ['only a comment', '# nothing\n'],
    ['a byte-order mark', '\ufeffa: 1\n'],
  ])('leaves %s to the full path', (_name, text) => {
    expect(parseYamlFast(text, 'f.yaml')).toBeUndefined();
  });

  it('skips the scalar tests only for text no YAML 1.2 core tag accepts', () => {
    const tests = new Schema({ resolveKnownTags: false }).tags.flatMap((t) => (t.default === true && t.test ? [t.test] : []));
    expect(tests.length).toBe(8);
    // Every first character, and the samples each test is written for.
    const samples = ['', '~', 'null', 'Null', 'true', 'False', '0o7', '12', '-3', '+4', '0x1f', '.inf', '-.Inf', '.nan', '1e3', '.5', '1.', '-1.5E-2'];
    for (let c = 0; c < 0x250; c++) samples.push(String.fromCharCode(c), `${String.fromCharCode(c)}1`, `${String.fromCharCode(c)}inf`);
    const accepted = samples.filter((s) => tests.some((t) => t.test(s)));
    expect(accepted.length).toBeGreaterThan(20);
    expect(accepted.filter((s) => !MAYBE_NOT_TEXT.test(s))).toEqual([]);
  });
});
