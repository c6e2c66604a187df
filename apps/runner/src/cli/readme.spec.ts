/**
 * The documentation's promises, kept: every `npx ablate` line of a shell block in README.md,
 * CONTRIBUTING.md and docs/ (its subfolders included), as bash would pass it: the command and its
 * options must exist; validate, summary and figure run; exec, report, serve and slurm have their
 * experiments and overrides validated (they would train or need results). Every relative link of
 * those pages points to a file that exists (and a heading, for an anchor into Markdown), and
 * docs/README.md links every page of docs/. The README's quick start is the real file and its real
 * table.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { COMMANDS } from '../commands';
import { parseOptions } from './options';
import { runCli } from './run-cli';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** bash's word splitting for the quoting the docs use: '...', "...", backslashes, # comments. */
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

/** Every Markdown file under a folder of the repository, as a path from the root. */
function markdownUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) return markdownUnder(path);
      return name.endsWith('.md') ? [path] : [];
    });
}

/** The documentation: README.md, CONTRIBUTING.md and every page under docs/ (generated ones too). */
const PAGES = ['README.md', 'CONTRIBUTING.md', ...markdownUnder('docs')];
const text = new Map(PAGES.map((page) => [page, readFileSync(join(ROOT, page), 'utf8')]));

/** The `npx ablate` lines of a page's ```bash / ```sh blocks (also those indented in a list item). */
function commandsOf(page: string): { page: string; line: string }[] {
  const blocks = [...text.get(page)!.matchAll(/^( *)```(?:bash|sh)\n([\s\S]*?)^\1```/gm)];
  return blocks.flatMap((m) =>
    m[2]
      .split('\n')
      .map((l) => l.slice(m[1].length))
      .filter((l) => l.startsWith('npx ablate '))
      .map((line) => ({ page, line })),
  );
}

const commands = PAGES.flatMap(commandsOf);

/** A page with its fenced code blocks blanked (line numbers kept). */
function withoutBlocks(markdown: string): string {
  return markdown.replace(/^ *(```|~~~)[\s\S]*?^ *\1.*$/gm, (block) => block.replace(/[^\n]/g, ''));
}

/** A page's prose: no code blocks, no inline code. */
function prose(markdown: string): string {
  return withoutBlocks(markdown).replace(/`[^`\n]*`/g, '');
}

/** The targets of a page's links and images, `[text](target)` and `![alt](target)`, nested ones too. */
function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** The anchors of a Markdown page's headings, as GitHub makes them. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutBlocks(markdown).matchAll(/^#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const slug = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** What a relative link of a page points to that is not there: a file, or a heading of a Markdown file. */
function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  for (const target of linksOf(text.get(page)!)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path, anchor] = decodeURIComponent(target).split('#');
    const file = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), path);
    if (!existsSync(file)) {
      broken.push(`${target}: no such file`);
    } else if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
      broken.push(`${target}: no heading #${anchor} in ${relative(ROOT, file)}`);
    }
  }
  return broken;
}

describe("the documentation's ablate commands", () => {
  it('are there', () => {
    expect(commands.length).toBeGreaterThanOrEqual(10);
    for (const page of ['README.md', 'docs/commands.md']) expect(commands.filter((c) => c.page === page).length).toBeGreaterThanOrEqual(4);
  });

  it('splits as bash does', () => {
    expect(shellWords(`npx ablate exec --set 'optimizer={type: sgd, lr: 0.1}' --x "a b" # note`)).toEqual(['npx', 'ablate', 'exec', '--set', 'optimizer={type: sgd, lr: 0.1}', '--x', 'a b']);
    expect(() => shellWords('npx ablate exec --set optimizer={type:sgd,lr:0.1}')).toThrow(/expand the braces/);
  });

  it.each(commands)('$page: $line', async ({ line }) => {
    const [, , name, ...args] = shellWords(line);
    const command = COMMANDS.find((c) => c.name === name && !c.hidden);
    expect(command).toBeDefined();
    const opts = parseOptions(name, command!.options, args) as { experiment?: string | string[]; set?: string[] };
    // figure runs too, drawing into a fresh folder instead of the page's.
    const withoutOut = args.filter((a, i) => a !== '--out' && args[i - 1] !== '--out');
    const runs =
      name === 'validate' || name === 'summary'
        ? [[name, ...args]]
        : name === 'figure'
          ? [[name, ...withoutOut, '--out', mkdtempSync(join(tmpdir(), 'ablate-docs-figure-'))]]
        : [opts.experiment ?? []].flat().map((experiment) => ['validate', '--experiment', experiment, ...(opts.set ?? []).flatMap((s) => ['--set', s])]);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      let out = '';
      let err = '';
      const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
      const code = await runCli(run, io);
      expect(err.replace(/^note: .*\n/gm, '')).toBe('');
      expect(code).toBe(0);
      expect(out).not.toBe('');
    }
  }, 60000);
});

describe("the documentation's links", () => {
  it('finds links, nested ones, and GitHub anchors', () => {
    expect(linksOf('[![a](x.svg)](x.pdf) `[no](code.md)` [b](y.md "title")\n```\n[no](block.md)\n```\n')).toEqual(['x.svg', 'x.pdf', 'y.md']);
    expect([...anchorsOf('# Design choices that differ from `../shared/DESIGN.md`\n## `bench:kernels` runs\n## A\n## A\n')]).toEqual(['design-choices-that-differ-from-shareddesignmd', 'benchkernels-runs', 'a', 'a-1']);
  });

  it.each(PAGES)('%s: every relative link points to a file (and heading) that exists', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  it('docs/README.md links every page of docs/', () => {
    const linked = new Set(linksOf(text.get('docs/README.md')!).map((target) => join('docs', target.split('#')[0])));
    const pages = [...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md') && name !== 'README.md').map((name) => join('docs', name)), 'docs/results/README.md'];
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
    expect(linked.has('CONTRIBUTING.md')).toBe(true);
  });
});

describe("the README's quick start", () => {
  const readme = text.get('README.md')!;

  it('shows experiments/quickstart.yaml, whole', () => {
    const shown = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1]);
    expect(shown).toContain(readFileSync(join(ROOT, 'experiments', 'quickstart.yaml'), 'utf8'));
  });

  it('shows the table it wrote, docs/results/quickstart/table.md', () => {
    expect(readme).toContain(readFileSync(join(ROOT, 'docs', 'results', 'quickstart', 'table.md'), 'utf8').trim());
  });

  it('gives the setup, the quick start and the test command in its first 20 lines', () => {
    const top = readme.split('\n').slice(0, 20).join('\n');
    for (const command of ['bash tools/setup.sh', 'npx ablate exec --experiment experiments/quickstart.yaml', 'npm test']) expect(top).toContain(command);
  });
});
