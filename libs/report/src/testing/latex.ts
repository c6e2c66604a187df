/**
 * Test helper: compiles report tables with pdflatex in the document classes papers use, and reads
 * the overfull boxes from the log. Tests skip (saying why) where pdflatex or a class is missing,
 * and fail instead when ABLATE_REQUIRE_LATEX is set (CI installs texlive-latex-recommended,
 * texlive-latex-extra, texlive-science and texlive-publishers).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** IEEE conference (two columns, \columnwidth 252 pt), Elsevier's two-column journal (5p) and preprint layouts, plain article. */
export const CLASSES = {
  IEEEtran: '\\documentclass[conference]{IEEEtran}',
  'elsarticle 5p': '\\documentclass[final,5p,times,twocolumn]{elsarticle}',
  elsarticle: '\\documentclass{elsarticle}',
  article: '\\documentclass{article}',
} as const;
export type ClassName = keyof typeof CLASSES;

const has = (file: string) => spawnSync('kpsewhich', [file]).stdout?.toString().trim() !== '';
export const hasLatex = spawnSync('pdflatex', ['--version']).status === 0 && ['IEEEtran.cls', 'elsarticle.cls', 'siunitx.sty', 'booktabs.sty'].every(has);
if (process.env.ABLATE_REQUIRE_LATEX && !hasLatex) throw new Error('ABLATE_REQUIRE_LATEX is set but pdflatex, IEEEtran, elsarticle, siunitx or booktabs is missing');
export const latexSkipReason = hasLatex ? '' : ' (skipped: pdflatex with IEEEtran, elsarticle and siunitx is not installed: apt-get install texlive-latex-recommended texlive-latex-extra texlive-science texlive-publishers)';

export const PREAMBLE = '\\usepackage{booktabs,siunitx,graphicx}';

export interface Compiled {
  dir: string;
  log: string;
  /** How far each overfull \hbox or \vbox sticks out, in pt. */
  overfull: number[];
}

/** Compiles `body` (given files written next to it first) in a document of `documentClass`; throws on a LaTeX error. */
export function compile(documentClass: string, body: string, files: Record<string, string> = {}): Compiled {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-latex-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'paper.tex'), `${documentClass}\n${PREAMBLE}\n\\begin{document}\n${body}\n\\end{document}\n`);
  try {
    execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], { cwd: dir, stdio: 'pipe' });
  } catch (error) {
    const log = readFileSync(join(dir, 'paper.log'), 'utf8');
    throw new Error(`pdflatex failed in ${dir}:\n${log.split('\n').filter((l) => l.startsWith('!') || l.startsWith('l.')).join('\n') || String(error)}`, { cause: error });
  }
  const log = readFileSync(join(dir, 'paper.log'), 'utf8');
  return { dir, log, overfull: [...log.matchAll(/^Overfull \\[hv]box \(([0-9.]+)pt too (?:wide|high)\)/gm)].map((m) => Number(m[1])) };
}

/** Two tabulars side by side, each in a minipage of half the line, scaled down only if wider (as README shows). */
export function sideBySide(first: string, second: string): string {
  const half = (file: string) =>
    `\\begin{minipage}[t]{0.48\\linewidth}\\centering\\setbox0=\\hbox{\\input{${file}}}\\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\box0}\\else\\box0\\fi\\end{minipage}`;
  return `\\begin{table}[t]\n${half(first)}\\hfill\n${half(second)}\n\\end{table}`;
}
