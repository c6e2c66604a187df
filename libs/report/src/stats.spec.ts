import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { incompleteBeta, mean, pairedTTest, std, wilcoxonSignedRank } from './stats';

interface Case {
  x: number[];
  y: number[];
  t: number;
  t_p: number;
  w: number;
  w_p: number;
  mean: number;
  std: number;
}
const { cases } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'scipy-stats.json'), 'utf8')) as { cases: Case[] };

describe('statistics against scipy', () => {
  it.each(cases.map((c) => [c.x.length, c] as [number, Case]))('n = %i: mean, std, paired t-test and exact Wilcoxon', (_n, c) => {
    expect(mean(c.x)).toBeCloseTo(c.mean, 12);
    expect(std(c.x)).toBeCloseTo(c.std, 12);
    const t = pairedTTest(c.x, c.y)!;
    expect(t.statistic).toBeCloseTo(c.t, 10);
    expect(t.p).toBeCloseTo(c.t_p, 10);
    const w = wilcoxonSignedRank(c.x, c.y)!;
    expect(w.statistic).toBe(c.w);
    expect(w.p).toBeCloseTo(c.w_p, 10);
  });

  it('computes the regularised incomplete beta function', () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
  });

  it('needs two pairs for a t-test', () => {
    expect(pairedTTest([1], [2])).toBeUndefined();
  });
});
