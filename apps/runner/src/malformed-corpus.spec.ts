/**
 * The corpus of malformed experiments: each file makes one mistake a researcher makes and states,
 * in its header, the line, YAML path and hint the error must show. Run through the CLI entry point.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from './cli/run-cli';

const DIR = join(__dirname, '..', 'fixtures', 'malformed');
const ALL = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && !f.startsWith('_')).sort();
/** `# set: path=value` lines: the mistake is in these command-line overrides, and the error must name the argument. */
const overridesOf = (file: string) => [...readFileSync(join(DIR, file), 'utf8').matchAll(/^# set: (.*)$/gm)].map((m) => m[1]);
const CASES = ALL.filter((f) => overridesOf(f).length === 0);
const SET_CASES = ALL.filter((f) => overridesOf(f).length > 0);

function expectation(file: string) {
  const text = readFileSync(join(DIR, file), 'utf8');
  const field = (name: string) => new RegExp(`^# expect-${name}: (.*)$`, 'm').exec(text)?.[1];
  return { file: field('file') ?? file, line: Number(field('line')), path: field('path'), hint: field('hint'), mistake: field('mistake') ?? /^# mistake: (.*)$/m.exec(text)?.[1], at: field('at') };
}

async function validate(file: string, set: readonly string[] = []) {
  let err = '';
  let out = '';
  const args = ['validate', '--experiment', relative(process.cwd(), join(DIR, file)), ...set.flatMap((s) => ['--set', s])];
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, err, out };
}

describe('malformed experiments', () => {
  it('has at least 30 different mistakes, each described', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    const mistakes = CASES.map((c) => /^# mistake: (.*)$/m.exec(readFileSync(join(DIR, c), 'utf8'))?.[1]);
    expect(mistakes.every((m) => m && m.length > 5)).toBe(true);
    expect(new Set(mistakes).size).toBe(CASES.length);
  });

  it.each(CASES)('%s: exits 1 with the line, the YAML path and a hint, no stack trace', async (file) => {
    const want = expectation(file);
    expect(want.line).toBeGreaterThan(0);
    expect(want.hint).toBeTruthy();
    const { code, err, out } = await validate(file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^error: /);
    expect(err).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    const location = `${relative(process.cwd(), join(DIR, want.file))}:${want.line}:`;
    const paragraph = err
      .replace(/^error: (\d+ problems:\n\n)?/, '')
      .split('\n\n')
      .find((p) => p.startsWith(location));
    expect({ file, paragraph }).toEqual({ file, paragraph: expect.stringContaining(want.hint as string) });
    if (want.path) expect(paragraph).toContain(` ${want.path}: `);
  });
});

describe('malformed --set overrides', () => {
  it('has --set mistakes, each different from every other mistake', () => {
    expect(SET_CASES.length).toBeGreaterThanOrEqual(2);
    const mistakes = ALL.map((c) => /^# mistake: (.*)$/m.exec(readFileSync(join(DIR, c), 'utf8'))?.[1]);
    expect(mistakes.every((m) => m && m.length > 5)).toBe(true);
    expect(new Set(mistakes).size).toBe(ALL.length);
  });

  it.each(SET_CASES)('%s: exits 1 naming the --set argument (not a line of the file), with the YAML path and a hint', async (file) => {
    const want = expectation(file);
    expect(want.at).toMatch(/^--set /);
    expect(want.hint).toBeTruthy();
    const { code, err, out } = await validate(file, overridesOf(file));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^error: /);
    expect(err).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    const paragraph = err
      .replace(/^error: (\d+ problems:\n\n)?/, '')
      .split('\n\n')
      .find((p) => p.startsWith(`${want.at as string}: `));
    expect({ file, paragraph }).toEqual({ file, paragraph: expect.stringContaining(want.hint as string) });
    if (want.path) expect(paragraph).toContain(` ${want.path}: `);
  });
});
