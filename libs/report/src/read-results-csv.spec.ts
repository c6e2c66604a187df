/**
 * A report rebuilt from the results.csv an earlier report wrote, without the trial folders
 * (SYNTHETIC metrics of 2 variants x 2 seeds): the same results.csv, summary.csv and tables; rows
 * of trials the experiment no longer has are left out; no plots.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrialInfo } from './collect';
import { readResultsCsv } from './read-results-csv';
import { writeReport } from './write-report';

const trials: TrialInfo[] = [
  { id: 'a1', index: 0, variant: 'w/o BN', grid: [{ path: 'optimizer.lr', value: 0.01 }], seed: 1 },
  { id: 'a2', index: 1, variant: 'w/o BN', grid: [{ path: 'optimizer.lr', value: 0.01 }], seed: 2 },
  { id: 'b1', index: 2, variant: 'w/ BN', grid: [{ path: 'optimizer.lr', value: 0.01 }], seed: 1 },
  { id: 'b2', index: 3, variant: 'w/ BN', grid: [{ path: 'optimizer.lr', value: 0.01 }], seed: 2 },
];

describe('readResultsCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-csv-'));
  // 0.1 + 0.2 and 1/3 have no short decimal form: they must come back as the same doubles.
  const oas: Record<string, number> = { a1: 0.1 + 0.2, a2: 1 / 3, b1: 0.81, b2: 0.8300000000000001 };
  for (const t of trials) {
    mkdirSync(join(dir, t.id));
    writeFileSync(join(dir, t.id, 'metrics.json'), JSON.stringify({ status: t.id === 'b2' ? 'failed' : 'done', test: { oa: oas[t.id], kappa: oas[t.id] - 0.1 }, params: { trainable: 33034, non_trainable: 0, macs: 232440 } }));
  }
  const input = { name: 'bn', trials, gridPaths: ['optimizer.lr'], hasVariants: true, report: { baseline: 'w/o BN', plots: false }, command: 'x' };

  it('gives back the rows, numbers and statuses results.csv was written from', async () => {
    const first = await writeReport({ ...input, resultsDir: dir });
    const rows = readResultsCsv([join(dir, 'results.csv')], trials);
    expect(rows.map((r) => [r.trial.id, r.status, r.values['test.oa'], r.values.params])).toEqual(first.rows.map((r) => [r.trial.id, r.status, r.values['test.oa'], r.values.params]));
    const again = join(dir, 'again');
    const second = await writeReport({ ...input, resultsDir: dir, outDir: again, rows, report: { baseline: 'w/o BN' } });
    for (const file of ['results.csv', 'summary.csv', 'table.md']) expect(readFileSync(join(again, file), 'utf8')).toBe(readFileSync(join(dir, file), 'utf8'));
    // The bars need only each trial's numbers; the learning curves, confusion matrix and per-class bars read the trial folders.
    expect(second.plots).toEqual(['metric_bars']);
    expect(second.skipped).toEqual(['learning_curves', 'confusion', 'per_class']);
    expect(existsSync(join(again, 'plots', 'metric_bars.svg'))).toBe(true);
    expect(existsSync(join(again, 'plots', 'learning_curves.svg'))).toBe(false);
  });

  it('takes only the trials of the experiment as it is now, from any of the files, each once', () => {
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'trial,variant,seed,status,test.oa\nzz,w/ SE,1,done,0.99\nb1,w/ BN,1,done,0.5\n');
    const rows = readResultsCsv([join(dir, 'results.csv'), other], trials.slice(1, 3));
    expect(rows.map((r) => [r.trial.id, r.trial.variant, r.values['test.oa']])).toEqual([
      ['a2', 'w/o BN', 1 / 3],
      ['b1', 'w/ BN', 0.81],
    ]);
  });

  it('refuses a file that is not a results.csv, and a cell that is not a number', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n');
    expect(() => readResultsCsv([bad], trials)).toThrow('is not a results.csv written by runner:report');
    writeFileSync(bad, 'trial,variant,seed,status,test.oa\na1,w/o BN,1,done,high\n');
    expect(() => readResultsCsv([bad], trials)).toThrow('trial a1 has "high" in column test.oa, not a number');
  });
});
