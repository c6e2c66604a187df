/**
 * One trial of a hyperparameter search as the report draws it: its proposal number, its params
 * (dotted path → value, the active ones), its state and its value of the searched metric (the
 * final one of a complete trial, the last reported one of a pruned trial).
 */
export interface SearchRow {
  index: number;
  params: Record<string, unknown>;
  state: 'complete' | 'pruned' | 'failed' | 'running';
  value?: number;
}

export type SearchDirection = 'maximize' | 'minimize';

/** How a search figure shows the metric: its axis title (default the metric's column) and scale (100 for %). */
export interface SearchAxis {
  metric: string;
  direction: SearchDirection;
  title?: string;
  scale?: number;
}

/** The complete trial with the best value (the first, on a tie), if any. */
export function bestRow(rows: readonly SearchRow[], direction: SearchDirection): SearchRow | undefined {
  const better = (a: number, b: number) => (direction === 'maximize' ? a > b : a < b);
  let best: SearchRow | undefined;
  for (const row of [...rows].sort((a, b) => a.index - b.index)) {
    if (row.state !== 'complete' || row.value === undefined || !Number.isFinite(row.value)) continue;
    if (!best || better(row.value, best.value!)) best = row;
  }
  return best;
}
