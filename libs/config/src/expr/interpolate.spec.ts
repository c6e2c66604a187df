import { interpolate, InterpolationError } from './interpolate';

describe('interpolate', () => {
  it('interpolates a tree, defers what it is told to, and shares untouched subtrees', () => {
    const tree = { a: '${vars.x}', b: { c: '${filters * 2}' }, d: { e: 1 } };
    const out = interpolate(tree, { vars: { x: 5 } }, { canDefer: (pointer) => pointer.startsWith('/b') }) as typeof tree;
    expect(out).toEqual({ a: 5, b: { c: '${filters * 2}' }, d: { e: 1 } });
    expect(out.d).toBe(tree.d);
    expect(() => interpolate({ a: '${y}' }, { vars: {} })).toThrow(InterpolationError);
  });
});
