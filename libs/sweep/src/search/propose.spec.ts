import { proposeParams, type ProposeInput } from './propose';
import type { SearchSpace, SearchTrial } from './types';

const space: SearchSpace = {
  'optimizer.lr': { type: 'log_uniform', low: 1e-4, high: 1e-1 },
  'vars.dropout': { type: 'uniform', low: 0, high: 0.5, step: 0.05 },
  'vars.blocks': { type: 'int', low: 1, high: 4 },
  'training.batch_size': { type: 'choice', values: [32, 64, 128] },
  'optimizer.type': { type: 'choice', values: ['sgd', 'adam'] },
  'optimizer.momentum': { type: 'uniform', low: 0.5, high: 0.99, when: { 'optimizer.type': 'sgd' } },
};
const base: Omit<ProposeInput, 'index'> = { space, sampler: { type: 'random' }, seed: 1, direction: 'maximize', history: [] };
const history: SearchTrial[] = Array.from({ length: 12 }, (_, i) => ({
  index: i,
  params: proposeParams({ ...base, index: i }),
  state: i % 5 === 4 ? 'pruned' : i % 7 === 6 ? 'failed' : 'complete',
  value: 0.5 + ((i * 37) % 11) / 30,
  intermediate: [0.4, 0.5],
}));

describe('proposeParams (random)', () => {
  it('is a function of the seed and index alone: same inputs, same params; another index or seed, others', () => {
    const a = proposeParams({ ...base, index: 3 });
    expect(proposeParams({ ...base, index: 3, history })).toEqual(a);
    expect(proposeParams({ ...base, index: 4 })).not.toEqual(a);
    expect(proposeParams({ ...base, index: 3, seed: 2 })).not.toEqual(a);
  });

  it('gives every active param a value of its domain and no inactive one', () => {
    const proposals = Array.from({ length: 60 }, (_, index) => proposeParams({ ...base, index }));
    for (const p of proposals) {
      expect(p['optimizer.lr']).toBeGreaterThanOrEqual(1e-4);
      expect(p['optimizer.lr']).toBeLessThanOrEqual(1e-1);
      expect(Number.isInteger(p['vars.blocks'])).toBe(true);
      expect([32, 64, 128]).toContain(p['training.batch_size']);
      expect(Number.isInteger(Math.round((p['vars.dropout'] as number) * 20))).toBe(true);
      expect('optimizer.momentum' in p).toBe(p['optimizer.type'] === 'sgd');
    }
    expect(new Set(proposals.map((p) => p['optimizer.type'])).size).toBe(2);
  });

  it('leaves the other params alone when a param is added to the space', () => {
    const wider = { ...space, 'optimizer.weight_decay': { type: 'log_uniform' as const, low: 1e-6, high: 1e-2 } };
    const before = proposeParams({ ...base, index: 5 });
    const after = proposeParams({ ...base, space: wider, index: 5 });
    expect(after).toMatchObject(before);
    expect(after['optimizer.weight_decay']).toBeDefined();
  });
});

describe('proposeParams (tpe)', () => {
  const tpe = { ...base, sampler: { type: 'tpe' as const, startup_trials: 10 } };

  it('proposes as the random sampler until startup_trials trials are complete or pruned (failed ones do not count)', () => {
    // 12 trials, of which index 6 failed: proposal 11 sees 10 finished before it (indices 0-10 minus 6).
    expect(proposeParams({ ...tpe, index: 10, history })).toEqual(proposeParams({ ...base, index: 10 }));
    expect(proposeParams({ ...tpe, index: 12, history })).not.toEqual(proposeParams({ ...base, index: 12 }));
  });

  it('depends on the history, not on the order it is given in, nor on trials proposed after it', () => {
    const p = proposeParams({ ...tpe, index: 12, history });
    expect(proposeParams({ ...tpe, index: 12, history: [...history].reverse() })).toEqual(p);
    const later: SearchTrial = { index: 13, params: history[0].params, state: 'complete', value: 0.99 };
    expect(proposeParams({ ...tpe, index: 12, history: [later, ...history] })).toEqual(p);
    const changed = history.map((t) => (t.index === 3 ? { ...t, value: 2 } : t));
    expect(proposeParams({ ...tpe, index: 12, history: changed })).not.toEqual(p);
    expect(proposeParams({ ...tpe, index: 12, history, direction: 'minimize' })).not.toEqual(p);
  });

  it('refuses a history with two trials of one index', () => {
    expect(() => proposeParams({ ...tpe, index: 12, history: [...history, history[2]] })).toThrow(/two trials with index 2/);
  });
});
