import { validateSpace } from './validate-space';
import type { SearchSpace } from './types';

const texts = (space: SearchSpace) => validateSpace(space).map((p) => p.text);

describe('validateSpace', () => {
  it('accepts the space of the documentation', () => {
    expect(
      validateSpace({
        'optimizer.lr': { type: 'log_uniform', low: 1e-4, high: 1e-1 },
        'vars.dropout': { type: 'uniform', low: 0, high: 0.5, step: 0.05 },
        'vars.blocks': { type: 'int', low: 1, high: 4 },
        'vars.width': { type: 'int', low: 16, high: 256, log: true },
        'training.batch_size': { type: 'choice', values: [32, 64, 128] },
        'optimizer.type': { type: 'choice', values: ['sgd', 'adam'] },
        'optimizer.momentum': { type: 'uniform', low: 0.5, high: 0.99, when: { 'optimizer.type': 'sgd' } },
      }),
    ).toEqual([]);
  });

  it('names each range problem at its key', () => {
    expect(texts({ 'optimizer.lr': { type: 'log_uniform', low: 0.1, high: 0.01 } })).toEqual(['search.space.optimizer.lr.high: high (0.01) must be above low (0.1)']);
    expect(texts({ 'optimizer.lr': { type: 'log_uniform', low: 0, high: 0.01 } })).toEqual(['search.space.optimizer.lr.low: a log_uniform param needs low > 0 (its logarithm is drawn), not 0']);
    expect(texts({ 'vars.n': { type: 'int', low: 0, high: 8, log: true } })).toEqual(['search.space.vars.n.low: an int param with log: true needs low >= 1, not 0']);
    expect(texts({ 'vars.n': { type: 'int', low: 1, high: 8, log: true, step: 2 } })[0]).toMatch(/^search\.space\.vars\.n\.step: an int param with log: true takes no step/);
    expect(texts({ 'vars.n': { type: 'int', low: 1.5, high: 8 } })[0]).toMatch(/^search\.space\.vars\.n\.low: an int param's low must be a whole number/);
    expect(texts({ 'vars.d': { type: 'uniform', low: 0, high: 0.5, step: 0.2 } })).toEqual(['search.space.vars.d.step: step 0.2 does not divide the range 0..0.5 (2.5 steps): make high 0.4 or choose another step']);
    expect(texts({ 'vars.n': { type: 'int', low: 1, high: 8, step: 2 } })[0]).toMatch(/^search\.space\.vars\.n\.step: step 2 does not divide the range 1\.\.8/);
    expect(texts({ 'vars.d': { type: 'uniform', low: 0.1, high: 0.4, step: 0.1 } })).toEqual([]);
    expect(validateSpace({ 'vars.d': { type: 'uniform', low: 1, high: 1 } })[0].path).toEqual(['space', 'vars.d', 'high']);
  });

  it('refuses a choice listing a value twice', () => {
    expect(texts({ 'training.batch_size': { type: 'choice', values: [32, 64, 32] } })).toEqual(['search.space.training.batch_size.values.2: 32 is listed twice']);
  });

  it('checks that a condition names a choice of the space and one of its values', () => {
    const base: SearchSpace = { 'optimizer.type': { type: 'choice', values: ['sgd', 'adam'] }, 'optimizer.lr': { type: 'log_uniform', low: 1e-4, high: 1e-1 } };
    const momentum = (when: Record<string, unknown>): SearchSpace => ({ ...base, 'optimizer.momentum': { type: 'uniform', low: 0.5, high: 0.99, when } });
    expect(texts(momentum({ 'optimizer.kind': 'sgd' }))).toEqual(['search.space.optimizer.momentum.when.optimizer.kind: optimizer.kind is not a param of the search space (its params: optimizer.type, optimizer.lr, optimizer.momentum)']);
    expect(texts(momentum({ 'optimizer.lr': 0.1 }))).toEqual(['search.space.optimizer.momentum.when.optimizer.lr: a condition must name a choice param, and optimizer.lr is log_uniform']);
    expect(texts(momentum({ 'optimizer.type': 'sdg' }))).toEqual(["search.space.optimizer.momentum.when.optimizer.type: sdg is not one of optimizer.type's values (sgd, adam)"]);
    expect(texts(momentum({ 'optimizer.type': ['sgd', 'rmsprop'] }))).toEqual(["search.space.optimizer.momentum.when.optimizer.type: rmsprop is not one of optimizer.type's values (sgd, adam)"]);
    expect(texts(momentum({ 'optimizer.type': ['sgd', 'adam'] }))).toEqual([]);
  });

  it('refuses conditions that go round in a circle', () => {
    const problems = texts({
      a: { type: 'choice', values: [1, 2], when: { b: 1 } },
      b: { type: 'choice', values: [1, 2], when: { a: 1 } },
    });
    expect(problems).toEqual(['search.space.a.when: the conditions go round in a circle: a -> b -> a']);
    expect(texts({ a: { type: 'choice', values: [1, 2], when: { a: 1 } } })).toEqual(['search.space.a.when.a: a param cannot depend on itself']);
  });
});
