/**
 * Every `npx ablate` line of the README's shell blocks, as bash would pass it: the command and its
 * options must exist; validate and summary run; exec, report and slurm have their experiment and
 * overrides validated (they would train or need results).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../commands';
import { parseOptions } from './options';
import { runCli } from './run-cli';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** bash's word splitting for the quoting the README uses: '...', "...", backslashes, # comments. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed ${c} in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      break;
    } else {
      if (c === '{' && word !== undefined && /,/.test(line.slice(i).split(/\s/)[0])) throw new Error(`bash would expand the braces of: ${line}`);
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```(?:bash|sh)\n([\s\S]*?)^```/gm)].map((m) => m[1]);
const lines = blocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith('npx ablate '));

describe("the README's ablate commands", () => {
  it('are there', () => {
    expect(lines.length).toBeGreaterThanOrEqual(4);
  });

  it('splits as bash does', () => {
    expect(shellWords(`npx ablate exec --set 'optimizer={type: sgd, lr: 0.1}' --x "a b" # note`)).toEqual(['npx', 'ablate', 'exec', '--set', 'optimizer={type: sgd, lr: 0.1}', '--x', 'a b']);
    expect(() => shellWords('npx ablate exec --set optimizer={type:sgd,lr:0.1}')).toThrow(/expand the braces/);
  });

  it.each(lines)('%s', async (line) => {
    const [, , name, ...args] = shellWords(line);
    const command = COMMANDS.find((c) => c.name === name && !c.hidden);
    expect(command).toBeDefined();
    const opts = parseOptions(name, command!.options, args) as { experiment?: string | string[]; set?: string[] };
    let out = '';
    let err = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
    const runs = name === 'validate' || name === 'summary' ? args : ['--experiment', String(opts.experiment), ...(opts.set ?? []).flatMap((s) => ['--set', s])];
    const code = await runCli([name === 'summary' ? 'summary' : 'validate', ...runs], io);
    expect(err.replace(/^note: .*\n/gm, '')).toBe('');
    expect(code).toBe(0);
    expect(out).not.toBe('');
  }, 60000);
});
