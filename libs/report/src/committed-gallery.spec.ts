/**
 * The gallery of docs/results/README.md (written by regenerate.sh) shows every committed plot:
 * each file under docs/results/<study>/plots/ is linked from it, and every link leads to a file;
 * and every committed figure is there as SVG and as PDF (vector files for a paper).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RESULTS = resolve(__dirname, '../../../docs/results');

function gallery(): string {
  const readme = readFileSync(join(RESULTS, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- gallery: written by regenerate.sh -->');
  const end = readme.indexOf('<!-- end of gallery -->');
  expect([start >= 0, end > start]).toEqual([true, true]);
  return readme.slice(start, end);
}

describe('the gallery of docs/results', () => {
  const linked = [...gallery().matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  const plots = readdirSync(RESULTS)
    .filter((study) => existsSync(join(RESULTS, study, 'plots')))
    .flatMap((study) => readdirSync(join(RESULTS, study, 'plots')).map((file) => `${study}/plots/${file}`));

  it('links every plot file of every study', () => {
    expect(plots.length).toBeGreaterThan(20);
    expect(plots.filter((p) => !linked.includes(p))).toEqual([]);
  });

  it('has every figure as SVG and PDF', () => {
    const svgs = plots.filter((p) => p.endsWith('.svg'));
    expect(svgs.filter((svg) => !plots.includes(svg.replace(/\.svg$/, '.pdf')))).toEqual([]);
    expect(plots.filter((p) => p.endsWith('.pdf') && !plots.includes(p.replace(/\.pdf$/, '.svg')))).toEqual([]);
  });

  it('links only files that are there, each once', () => {
    expect(linked.filter((p) => !existsSync(join(RESULTS, p)))).toEqual([]);
    expect(linked.filter((p, i) => linked.indexOf(p) !== i)).toEqual([]);
  });
});
