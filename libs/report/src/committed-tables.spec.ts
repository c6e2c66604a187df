/**
 * Every committed study table (docs/results/<study>/table.tex and tabular.tex, REAL results)
 * compiled as a paper would: table.tex in IEEE conference, Elsevier two-column and preprint, and
 * article, failing on any overfull box over 1 pt; each tabular.tex beside another in two minipages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLASSES, compile, hasLatex, latexSkipReason, sideBySide } from './testing/latex';

const RESULTS = resolve(__dirname, '../../../docs/results');
const studies = readdirSync(RESULTS).filter((s) => existsSync(join(RESULTS, s, 'table.tex')));
const read = (study: string, file: string) => readFileSync(join(RESULTS, study, file), 'utf8');

describe('the committed tables', () => {
  it('are there, each with its tabular.tex', () => {
    expect(studies.length).toBeGreaterThanOrEqual(8);
    for (const study of studies) expect(existsSync(join(RESULTS, study, 'tabular.tex'))).toBe(true);
  });

  (hasLatex ? it.each(Object.keys(CLASSES) as Array<keyof typeof CLASSES>) : it.skip.each(Object.keys(CLASSES)))(`compile in %s with no overfull box over 1 pt${latexSkipReason}`, (name) => {
    const files = Object.fromEntries(studies.map((s, i) => [`t${i}.tex`, read(s, 'table.tex')]));
    // Text between the floats, so that each table is placed as in a paper (a float page holds few).
    const body = studies.map((_, i) => `Text.\\par\\input{t${i}.tex}`).join('\n');
    const compiled = compile(CLASSES[name as keyof typeof CLASSES], body, files);
    expect(compiled.overfull.filter((pt) => pt > 1)).toEqual([]);
  });

  (hasLatex ? it : it.skip)(`put their tabular.tex two to a row, in minipages${latexSkipReason}`, () => {
    const files = Object.fromEntries(studies.map((s, i) => [`b${i}.tex`, read(s, 'tabular.tex')]));
    // Each next to the following one (the last next to the first).
    const body = studies.map((_, i) => sideBySide(`b${i}.tex`, `b${(i + 1) % studies.length}.tex`)).join('\n');
    for (const documentClass of [CLASSES.IEEEtran, CLASSES.article]) expect(compile(documentClass, body, files).overfull.filter((pt) => pt > 1)).toEqual([]);
  });
});
