import { proposeParams } from './propose';
import type { SearchDirection, SearchSampler, SearchSpace, SearchTrial } from './types';

/** A study run to the end: each proposal evaluated by `objective`, in order. */
function study(space: SearchSpace, sampler: SearchSampler, seed: number, trials: number, objective: (p: Record<string, unknown>) => number, direction: SearchDirection = 'maximize'): SearchTrial[] {
  const history: SearchTrial[] = [];
  for (let index = 0; index < trials; index++) {
    const params = proposeParams({ space, sampler, seed, index, direction, history });
    history.push({ index, params, state: 'complete', value: objective(params) });
  }
  return history;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('TPE sampler', () => {
  const space: SearchSpace = {
    'optimizer.lr': { type: 'log_uniform', low: 1e-5, high: 1 },
    'vars.dropout': { type: 'uniform', low: 0, high: 0.5 },
  };
  const objective = (p: Record<string, unknown>) => -((Math.log10(p['optimizer.lr'] as number) + 2.5) ** 2) - 4 * ((p['vars.dropout'] as number) - 0.2) ** 2;

  it('finds a better optimum than random search in the same budget (median over 7 studies)', () => {
    const best = (sampler: SearchSampler) => median([1, 2, 3, 4, 5, 6, 7].map((seed) => Math.max(...study(space, sampler, seed, 30, objective).map((t) => t.value!))));
    const [tpe, random] = [best({ type: 'tpe' }), best({ type: 'random' })];
    expect(tpe).toBeGreaterThan(random);
    expect(tpe).toBeGreaterThan(-0.05);
  });

  it('proposes near the good trials once past its startup trials, minimizing as well', () => {
    const history = study(space, { type: 'tpe', startup_trials: 5 }, 3, 25, (p) => -objective(p), 'minimize');
    const late = history.slice(15).map((t) => Math.log10(t.params['optimizer.lr'] as number));
    expect(median(late.map((x) => Math.abs(x + 2.5)))).toBeLessThan(1);
  });

  it('fits a conditional param only on the trials that had it', () => {
    const conditional: SearchSpace = {
      'optimizer.type': { type: 'choice', values: ['sgd', 'adam'] },
      'optimizer.momentum': { type: 'uniform', low: 0, high: 1, when: { 'optimizer.type': 'sgd' } },
    };
    // sgd trials with momentum near 0.9 are the best; adam trials (no momentum) are middling.
    const history: SearchTrial[] = Array.from({ length: 40 }, (_, i) => {
      const sgd = i % 2 === 0;
      const momentum = ((i * 0.618) % 1) as number;
      return { index: i, state: 'complete', params: sgd ? { 'optimizer.type': 'sgd', 'optimizer.momentum': momentum } : { 'optimizer.type': 'adam' }, value: sgd ? 1 - Math.abs(momentum - 0.9) : 0.5 };
    });
    const proposals = Array.from({ length: 12 }, (_, k) => proposeParams({ space: conditional, sampler: { type: 'tpe' }, seed: 1, index: 40 + k, direction: 'maximize', history }));
    expect(proposals.filter((p) => p['optimizer.type'] === 'sgd').length).toBeGreaterThanOrEqual(9);
    for (const p of proposals) expect('optimizer.momentum' in p).toBe(p['optimizer.type'] === 'sgd');
    const momenta = proposals.filter((p) => 'optimizer.momentum' in p).map((p) => p['optimizer.momentum'] as number);
    expect(median(momenta.map((m) => Math.abs(m - 0.9)))).toBeLessThan(0.1);
  });

  it('proposes ints and stepped values on their steps, choices among their values', () => {
    const mixed: SearchSpace = {
      'vars.blocks': { type: 'int', low: 1, high: 6 },
      'vars.width': { type: 'int', low: 8, high: 512, log: true },
      'vars.dropout': { type: 'uniform', low: 0, high: 0.5, step: 0.05 },
      'training.batch_size': { type: 'choice', values: [32, 64, 128] },
    };
    const history = study(mixed, { type: 'tpe', startup_trials: 4 }, 2, 20, (p) => -Math.abs((p['vars.blocks'] as number) - 4) - Math.abs(Math.log2(p['vars.width'] as number) - 6) - Math.abs((p['vars.dropout'] as number) - 0.3) - ((p['training.batch_size'] as number) === 64 ? 0 : 1));
    for (const { params: p } of history.slice(4)) {
      expect(Number.isInteger(p['vars.blocks'])).toBe(true);
      expect(Number.isInteger(p['vars.width'])).toBe(true);
      expect(p['vars.width']).toBeGreaterThanOrEqual(8);
      expect(p['vars.width']).toBeLessThanOrEqual(512);
      expect(String(p['vars.dropout'])).toMatch(/^0(\.\d5?)?$/);
      expect([32, 64, 128]).toContain(p['training.batch_size']);
    }
    expect(history.slice(10).filter((t) => t.params['training.batch_size'] === 64).length).toBeGreaterThan(5);
  });

  it('counts a pruned trial by its last value, after the complete ones, and ignores failed and running ones', () => {
    const base = study(space, { type: 'random' }, 5, 12, objective);
    const sampler: SearchSampler = { type: 'tpe' };
    const withNoise: SearchTrial[] = [
      ...base,
      { index: 12, params: { 'optimizer.lr': 0.5, 'vars.dropout': 0.45 }, state: 'failed' },
      { index: 13, params: { 'optimizer.lr': 0.5, 'vars.dropout': 0.45 }, state: 'running', intermediate: [100] },
    ];
    const renumbered = (h: SearchTrial[]) => h.map((t) => ({ ...t }));
    // The failed and running trials change nothing but the proposal's number.
    const a = proposeParams({ space, sampler, seed: 1, index: 14, direction: 'maximize', history: withNoise });
    const b = proposeParams({ space, sampler, seed: 1, index: 14, direction: 'maximize', history: renumbered(base) });
    expect(a).toEqual(b);
    // A pruned trial, however high its last value, ranks below every complete one.
    const pruned: SearchTrial = { index: 12, params: { 'optimizer.lr': 0.5, 'vars.dropout': 0.45 }, state: 'pruned', intermediate: [100] };
    const c = proposeParams({ space, sampler, seed: 1, index: 14, direction: 'maximize', history: [...base, pruned] });
    const complete: SearchTrial = { ...pruned, state: 'complete', value: 100 };
    const d = proposeParams({ space, sampler, seed: 1, index: 14, direction: 'maximize', history: [...base, complete] });
    expect(c).not.toEqual(d);
    expect(Math.abs(Math.log10(d['optimizer.lr'] as number) - Math.log10(0.5))).toBeLessThan(Math.abs(Math.log10(c['optimizer.lr'] as number) - Math.log10(0.5)));
  });
});
