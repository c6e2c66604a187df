/**
 * The committed architecture figures (docs/results/architectures, drawn by architectures.sh from
 * every file of experiments/models) as a paper uses them: each TikZ fragment \input in a one-column
 * figure and a full-width figure* of IEEE's and Elsevier's two-column layouts, with no overfull
 * box; each standalone TikZ document compiles on its own.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLASSES, compile, hasLatex, latexSkipReason } from './testing/latex';

const ROOT = resolve(__dirname, '../../..');
const FIGURES = join(ROOT, 'docs/results/architectures');
const models = readdirSync(join(ROOT, 'experiments/models')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

describe('the committed architecture figures', () => {
  it('draw every model file: SVG, PDF, TikZ and draw.io, and a figure of every layer', () => {
    const files = new Set(readdirSync(FIGURES));
    const missing = models.flatMap((m) => [`${m}.svg`, `${m}.pdf`, `${m}.tex`, `${m}-fragment.tex`, `${m}.drawio`, `${m}-layers.svg`, `${m}-layers.pdf`].filter((f) => !files.has(f)));
    expect(missing).toEqual([]);
  });

  (hasLatex ? it.each(['IEEEtran', 'elsarticle 5p'] as const) : it.skip.each(['IEEEtran', 'elsarticle 5p'] as const))(`fit a column and the page in %s with no overfull box${latexSkipReason}`, (name) => {
    const files = Object.fromEntries(models.map((m) => [`${m}-fragment.tex`, readFileSync(join(FIGURES, `${m}-fragment.tex`), 'utf8')]));
    const body = models
      .map((m) => `Text.\\par\\begin{figure}[p]\\centering\\input{${m}-fragment.tex}\\caption{${m}}\\end{figure}\\begin{figure*}[p]\\centering\\input{${m}-fragment.tex}\\caption{${m}, full width}\\end{figure*}`)
      .join('\n');
    const compiled = compile(`${CLASSES[name]}\n\\usepackage{tikz}\\usetikzlibrary{arrows.meta}`, body, files);
    expect(compiled.overfull.filter((pt) => pt > 1)).toEqual([]);
  }, 120000);

  (hasLatex ? it : it.skip)(`compile as standalone documents${latexSkipReason}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-tikz-'));
    for (const m of models) {
      copyFileSync(join(FIGURES, `${m}.tex`), join(dir, `${m}.tex`));
      execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${m}.tex`], { cwd: dir, stdio: 'pipe' });
    }
  }, 120000);
});
