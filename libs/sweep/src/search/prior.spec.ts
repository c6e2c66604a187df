import seedrandom from 'seedrandom';
import { samplePrior } from './prior';
import type { SearchParam } from './types';

const draws = (param: SearchParam, n = 4000) => {
  const random = seedrandom('prior-spec');
  return Array.from({ length: n }, () => samplePrior(param, random));
};
const counts = (values: unknown[]) => values.reduce<Map<string, number>>((m, v) => m.set(String(v), (m.get(String(v)) ?? 0) + 1), new Map());

describe('samplePrior', () => {
  it('draws a log_uniform param uniformly in its logarithm: half below the geometric mean, a third per decade', () => {
    const v = draws({ type: 'log_uniform', low: 1e-4, high: 1e-1 }) as number[];
    expect(Math.min(...v)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...v)).toBeLessThanOrEqual(1e-1);
    expect(v.filter((x) => x < Math.sqrt(1e-5)).length / v.length).toBeCloseTo(0.5, 1);
    expect(v.filter((x) => x < 1e-3).length / v.length).toBeCloseTo(1 / 3, 1);
  });

  it('draws every step of a stepped uniform equally often, written as decimals', () => {
    const v = draws({ type: 'uniform', low: 0, high: 0.5, step: 0.05 }, 11000);
    const c = counts(v);
    expect([...c.keys()].sort()).toEqual(['0', '0.05', '0.1', '0.15', '0.2', '0.25', '0.3', '0.35', '0.4', '0.45', '0.5']);
    for (const n of c.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });

  it('draws ints on their step, the ends as often as the middle', () => {
    const c = counts(draws({ type: 'int', low: 1, high: 4 }, 8000));
    expect([...c.keys()].sort()).toEqual(['1', '2', '3', '4']);
    for (const n of c.values()) expect(Math.abs(n - 2000)).toBeLessThan(200);
    expect([...counts(draws({ type: 'int', low: 2, high: 10, step: 4 })).keys()].sort()).toEqual(['10', '2', '6']);
  });

  it('draws a log int more often low than high', () => {
    const c = counts(draws({ type: 'int', low: 1, high: 100, log: true }, 8000));
    expect(c.get('1')! + c.get('2')!).toBeGreaterThan(c.get('99')! + c.get('100')! + 500);
    expect([...c.keys()].every((k) => Number(k) >= 1 && Number(k) <= 100)).toBe(true);
  });

  it('draws each choice equally often', () => {
    const c = counts(draws({ type: 'choice', values: ['sgd', 'adam', 'adamw'] }, 6000));
    for (const n of c.values()) expect(Math.abs(n - 2000)).toBeLessThan(200);
  });
});
