import { activeParams, allowedValues, drawOrder, inDomain, isActive } from './space';
import type { SearchSpace } from './types';

const space: SearchSpace = {
  'optimizer.momentum': { type: 'uniform', low: 0.5, high: 0.99, when: { 'optimizer.type': 'sgd' } },
  'optimizer.nesterov': { type: 'choice', values: [true, false], when: { 'optimizer.type': ['sgd'] } },
  'vars.nesterov_boost': { type: 'int', low: 1, high: 3, when: { 'optimizer.nesterov': true } },
  'optimizer.type': { type: 'choice', values: ['sgd', 'adam'] },
  'optimizer.lr': { type: 'log_uniform', low: 1e-4, high: 1e-1 },
};

describe('search space', () => {
  it('draws a condition before the params it governs, else in the order of the space', () => {
    expect(drawOrder(space)).toEqual(['optimizer.type', 'optimizer.momentum', 'optimizer.nesterov', 'vars.nesterov_boost', 'optimizer.lr']);
  });

  it('keeps a conditional param only when its condition holds, through chains of conditions', () => {
    const all = { 'optimizer.type': 'sgd', 'optimizer.momentum': 0.9, 'optimizer.nesterov': true, 'vars.nesterov_boost': 2, 'optimizer.lr': 0.01 };
    expect(activeParams(space, all)).toEqual(all);
    expect(activeParams(space, { ...all, 'optimizer.nesterov': false })).toEqual({ 'optimizer.type': 'sgd', 'optimizer.momentum': 0.9, 'optimizer.nesterov': false, 'optimizer.lr': 0.01 });
    // adam switches momentum and nesterov off, and so the boost that depends on nesterov.
    expect(activeParams(space, { ...all, 'optimizer.type': 'adam' })).toEqual({ 'optimizer.type': 'adam', 'optimizer.lr': 0.01 });
    expect(isActive(space, 'optimizer.momentum', {})).toBe(false);
    expect(isActive(space, 'optimizer.lr', {})).toBe(true);
  });

  it('reads a when value as one value or a list of them, and a list that is a choice value as that value', () => {
    expect(allowedValues({ type: 'choice', values: ['a', 'b'] }, ['a', 'b'])).toEqual(['a', 'b']);
    expect(allowedValues({ type: 'choice', values: [[1, 2], [3]] }, [1, 2])).toEqual([[1, 2]]);
    expect(isActive({ x: { type: 'choice', values: [{ a: 1 }, { a: 2 }] }, y: { type: 'uniform', low: 0, high: 1, when: { x: { a: 2 } } } }, 'y', { x: { a: 2 } })).toBe(true);
  });

  it('knows the values a param can take', () => {
    expect(inDomain({ type: 'uniform', low: 0, high: 0.5, step: 0.05 }, 0.15)).toBe(true);
    expect(inDomain({ type: 'uniform', low: 0, high: 0.5, step: 0.05 }, 0.17)).toBe(false);
    expect(inDomain({ type: 'int', low: 2, high: 10, step: 2 }, 6)).toBe(true);
    expect(inDomain({ type: 'int', low: 2, high: 10, step: 2 }, 5)).toBe(false);
    expect(inDomain({ type: 'log_uniform', low: 1e-4, high: 1e-1 }, 0.2)).toBe(false);
    expect(inDomain({ type: 'choice', values: [32, 64] }, 64)).toBe(true);
    expect(inDomain({ type: 'choice', values: [32, 64] }, '64')).toBe(false);
  });
});
