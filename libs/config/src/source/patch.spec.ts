import type { Json } from './json';
import { checkPatchPath, patchAssignments, setAtPath } from './patch';

describe('patches', () => {
  const base = { optimizer: { type: 'adam', lr: 0.1 }, model: { layers: [{ type: 'dense', units: 3 }] }, vars: { bn: true } };

  it('sets a value by dotted path without touching the original (path copying)', () => {
    const out = setAtPath(base, ['model', 'layers', '0', 'units'], 5) as typeof base;
    expect(out.model.layers[0].units).toBe(5);
    expect(base.model.layers[0].units).toBe(3);
    expect(out.optimizer).toBe(base.optimizer);
  });

  it('merges mapping values and deletes with null', () => {
    expect(setAtPath(base, ['optimizer'], { lr: 0.2 })).toMatchObject({ optimizer: { type: 'adam', lr: 0.2 } });
    expect((setAtPath(base, ['optimizer', 'lr'], null) as typeof base).optimizer).toEqual({ type: 'adam' });
  });

  it('lists the assignments of nested and dotted patches alike', () => {
    expect(patchAssignments(base, { vars: { bn: false } })).toEqual([{ key: 'vars', path: ['vars', 'bn'], value: false, source: ['vars', 'bn'] }]);
    expect(patchAssignments(base, { 'vars.bn': false })).toEqual([{ key: 'vars.bn', path: ['vars', 'bn'], value: false, source: ['vars.bn'] }]);
  });

  it('replaces a section marked $replace instead of merging into it (a variant swapping the model file)', () => {
    const assigned = patchAssignments(base, { model: { $replace: true, layers: [{ type: 'flatten' }] } });
    let out: Json = base;
    for (const a of assigned) out = setAtPath(out, a.path, a.value);
    expect((out as typeof base).model).toEqual({ layers: [{ type: 'flatten' }] });
  });

  it('accepts existing paths and new keys the schema allows, rejects the rest', () => {
    const keysAt = (path: readonly string[]) => (path.join('.') === 'optimizer' ? ['type', 'lr', 'weight_decay'] : undefined);
    expect(checkPatchPath(base, ['optimizer', 'lr'], keysAt)).toBeUndefined();
    expect(checkPatchPath(base, ['optimizer', 'weight_decay'], keysAt)).toBeUndefined();
    expect(checkPatchPath(base, ['optimizer', 'wd'], keysAt)?.message).toMatch(/has no `wd`/);
    expect(checkPatchPath(base, ['model', 'layers', '3', 'units'])?.message).toMatch(/list of 1 items/);
    expect(checkPatchPath(base, ['vars', 'se'])?.message).toMatch(/not declared/);
  });
});
