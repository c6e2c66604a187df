/**
 * The corpus of malformed experiments: each file makes one mistake a researcher makes and states,
 * in its header, the line, YAML path and hint the error must show. Run through the CLI entry point.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from './cli/run-cli';

const DIR = join(__dirname, '..', 'fixtures', 'malformed');
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && !f.startsWith('_')).sort();

function expectation(file: string) {
  const text = readFileSync(join(DIR, file), 'utf8');
  const field = (name: string) => new RegExp(`^# expect-${name}: (.*)$`, 'm').exec(text)?.[1];
  return { file: field('file') ?? file, line: Number(field('line')), path: field('path'), hint: field('hint'), mistake: field('mistake') ?? /^# mistake: (.*)$/m.exec(text)?.[1] };
}

async function validate(file: string) {
  let err = '';
  let out = '';
  const code = await runCli(['validate', '--experiment', relative(process.cwd(), join(DIR, file))], { out: (t) => (out += t), err: (t) => (err += t) });
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
