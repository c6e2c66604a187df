/** A search's figures name and scale its metric as the table does (SYNTHETIC rows). */
import type { SearchReport } from './search-report';
import { searchFigures } from './search-report';
import { buildTable } from './table';

/** A vega-lite spec read as the plain JSON it is. */
type Json = ReturnType<typeof JSON.parse>;

const search: SearchReport = {
  metric: 'val.oa',
  direction: 'maximize',
  space: { 'optimizer.lr': { type: 'log_uniform' } },
  rows: [
    { index: 0, state: 'complete', value: 0.7, params: { 'optimizer.lr': 0.001 } },
    { index: 1, state: 'pruned', value: 0.5, params: { 'optimizer.lr': 0.01 } },
  ],
  table: [],
  confirmed: false,
};

const yTitles = (columns: Array<{ metric: string; label?: string; scale?: number }>) => {
  const table = buildTable([], { title: 'fixture', report: { columns }, gridPaths: [], hasVariants: true });
  return searchFigures(search, 'fixture', undefined, table).map((f) => {
    const spec = f.spec as Json;
    const layer = spec.layer ?? spec.concat?.[0]?.layer ?? spec.hconcat?.[0]?.layer ?? spec.vconcat?.[0]?.layer;
    const values = (layer?.[1]?.data?.values ?? spec.data?.values ?? []) as Array<{ value: number }>;
    return { name: f.name, title: JSON.stringify(spec).match(/"title":"(Val[^"]*|val\.oa)"/)?.[1], top: Math.max(...values.map((v) => v.value)) };
  });
};

describe('search figures in a report', () => {
  it('show the metric as the table column that shows it (its label, in %)', () => {
    const [history] = yTitles([{ metric: 'test.oa', label: 'OA (%)', scale: 100 }, { metric: 'val.oa', label: 'Val. OA (%)', scale: 100 }]);
    expect(history).toMatchObject({ name: 'optimisation_history', title: 'Val. OA (%)', top: 70 });
  });

  it('without such a column: "Validation OA (%)" on the scale of a table in %', () => {
    const [history] = yTitles([{ metric: 'test.oa', label: 'OA (%)', scale: 100 }]);
    expect(history).toMatchObject({ title: 'Validation OA (%)', top: 70 });
  });
});
