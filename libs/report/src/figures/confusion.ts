/** Confusion matrix of a row, summed over its seeds, each true class normalised to 1, as a heat map sized to the figure. */
import type * as vl from 'vega-lite';
import type { ResultRow } from '../collect';
import { frame, type FigureContext } from './style';
import { trialCsv } from './trial-files';

export function confusionHeatmap(rows: readonly ResultRow[], label: string, ctx: FigureContext): vl.TopLevelSpec | undefined {
  let sum: number[][] | undefined;
  let names: string[] = [];
  for (const r of rows.filter((x) => x.status === 'done')) {
    const table = trialCsv(r, 'confusion.csv');
    if (table.length === 0) continue;
    names = Object.keys(table[0]).slice(1);
    const m = table.map((line) => names.map((n) => Number(line[n])));
    sum = sum ? sum.map((row, i) => row.map((v, j) => v + m[i][j])) : m;
  }
  if (!sum) return undefined;
  const values = sum.flatMap((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((v, j) => ({ truth: names[i], predicted: names[j], share: v / total, count: v }));
  });
  const longest = Math.max(...names.map((n) => n.length));
  // The y labels, the axis title and the colour legend take about this much beside the cells.
  const step = Math.max(12, Math.min(28, Math.floor((ctx.width - 8 - Math.min(120, longest * 6.5) - 90) / names.length)));
  return {
    ...frame(ctx, `Confusion matrix of ${label}, summed over ${rows.length} seed${rows.length === 1 ? '' : 's'}; each row (true class) sums to 1`, false),
    data: { values },
    width: { step },
    height: { step },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: names, title: 'Predicted class', axis: { labelAngle: -45, labelLimit: 120 } },
      y: { field: 'truth', type: 'nominal', sort: names, title: 'True class', axis: { labelLimit: 120 } },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'share', type: 'quantitative', scale: { scheme: 'blues', domain: [0, 1] }, title: 'Share', legend: { orient: 'right', direction: 'vertical', gradientLength: Math.min(120, step * names.length) } } } },
      ...(step >= 20 ? [{ mark: { type: 'text', fontSize: step >= 26 ? 8 : 7 }, encoding: { text: { field: 'share', type: 'quantitative', format: '.2f' }, color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: 'black' } } }] : []),
    ],
  } as unknown as vl.TopLevelSpec;
}
