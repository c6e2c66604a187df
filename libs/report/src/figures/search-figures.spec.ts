/** The search figures (SYNTHETIC trials): their layers, axes and colours, and each rendered to SVG. */
import type { SearchRow } from '../search-row';
import { optimisationHistory } from './optimisation-history';
import { renderSvg } from './render';
import { searchSlices } from './search-slices';
import { PALETTE, WIDTH, type FigureContext } from './style';

/** A vega-lite spec read as the plain JSON it is. */
type Json = ReturnType<typeof JSON.parse>;

const ctx: FigureContext = { title: 'Search on a fixture', width: WIDTH.column, series: [] };
const rows: SearchRow[] = Array.from({ length: 14 }, (_, i) => {
  const lr = 10 ** (-4 + (i * 0.37) % 3);
  const type = i % 3 === 0 ? 'sgd' : 'adam';
  return {
    index: i,
    state: i % 4 === 3 ? 'pruned' : i === 12 ? 'failed' : 'complete',
    value: i === 12 ? undefined : 0.8 - (Math.log10(lr) + 2.5) ** 2 / 20 + (i % 5) / 100,
    params: { 'optimizer.lr': lr, 'vars.blocks': 1 + (i % 4), 'optimizer.type': type, ...(type === 'sgd' ? { 'optimizer.momentum': 0.5 + i / 30 } : {}) },
  };
});
const space = {
  'optimizer.lr': { type: 'log_uniform' as const },
  'vars.blocks': { type: 'int' as const },
  'optimizer.type': { type: 'choice' as const, values: ['sgd', 'adam'] },
  'optimizer.momentum': { type: 'uniform' as const },
  'vars.unused': { type: 'uniform' as const },
};

describe('search figures', () => {
  it('history: a dot per complete or pruned trial, and a step line of the best complete value so far to the last trial', () => {
    const spec = optimisationHistory(rows, { metric: 'val.oa', direction: 'maximize', title: 'Validation OA (%)', scale: 100 }, ctx) as Json;
    const [line, dots] = spec.layer;
    expect(dots.data.values).toHaveLength(13);
    expect(dots.data.values.filter((d: Json) => d.series === 'pruned').map((d: Json) => d.index)).toEqual([3, 7, 11]);
    expect(line.mark.interpolate).toBe('step-after');
    const best = line.data.values as Array<{ index: number; value: number }>;
    const complete = rows.filter((r) => r.state === 'complete');
    // Never decreasing, at each complete trial the best value up to it, and carried to trial 13.
    best.slice(1).forEach((b, i) => expect(b.value).toBeGreaterThanOrEqual(best[i].value));
    for (const b of best.slice(0, -1)) expect(b.value).toBeCloseTo(100 * Math.max(...complete.filter((r) => r.index <= b.index).map((r) => r.value!)), 10);
    expect(best[best.length - 1].index).toBe(13);
    expect(dots.encoding.color.scale).toEqual({ domain: ['complete', 'pruned', 'best so far'], range: [PALETTE[0], '#999999', PALETTE[1]] });
    expect(spec.layer[1].encoding.y.title).toBe('Validation OA (%)');
    expect(spec.title.subtitle.join(' ')).toContain('(13 trials, 3 pruned)');
  });

  it('history: the best is the lowest when minimizing', () => {
    const spec = optimisationHistory(rows, { metric: 'val.loss', direction: 'minimize' }, ctx) as Json;
    const best = spec.layer[0].data.values as Array<{ value: number }>;
    best.slice(1).forEach((b, i) => expect(b.value).toBeLessThanOrEqual(best[i].value));
    expect(optimisationHistory(rows.filter((r) => r.state === 'failed'), { metric: 'val.loss', direction: 'minimize' }, ctx)).toBeUndefined();
  });

  it('slices: a panel per param that some trial had, log x for log params, a choice in its order, trials without the param left out', () => {
    const spec = searchSlices(rows, space, { metric: 'val.oa', direction: 'maximize' }, ctx) as Json;
    expect(spec.concat.map((p: Json) => p.encoding.x.title)).toEqual(['optimizer.lr', 'vars.blocks', 'optimizer.type', 'optimizer.momentum']);
    expect(spec.concat[0].encoding.x.scale.type).toBe('log');
    expect(spec.concat[1].encoding.x.scale.type).toBeUndefined();
    expect(spec.concat[2].encoding.x.sort).toEqual(['sgd', 'adam']);
    expect(spec.concat[3].data.values.map((v: Json) => v.index)).toEqual([0, 3, 6, 9]);
    expect(spec.columns).toBe(2);
  });

  it('render to SVG with their titles', async () => {
    const history = await renderSvg(optimisationHistory(rows, { metric: 'val.oa', direction: 'maximize' }, ctx)!);
    expect(history).toContain('Search on a fixture');
    expect(history).toContain('best so far');
    expect(history).toContain('Trial');
    const slices = await renderSvg(searchSlices(rows, space, { metric: 'val.oa', direction: 'maximize' }, ctx)!);
    for (const text of ['optimizer.lr', 'optimizer.momentum', 'sgd', 'adam']) expect(slices).toContain(text);
  });
});
