/** Trials grouped into table rows: same variant and grid values, different seeds. */
import type { ResultRow } from './collect';

export interface Group {
  /** `w/ BN` or `w/ BN, lr=0.01`. */
  label: string;
  key: string;
  rows: ResultRow[];
}

function keyValue(row: ResultRow, by: string): unknown {
  return by === 'variant' ? row.trial.variant : row.trial.grid.find((g) => g.path === by)?.value;
}

/** `w/ BN, lr=0.01`; `single` (default: all trials) when nothing tells the trials apart but their seed. */
export function labelOf(row: ResultRow, by: readonly string[], single = 'all trials'): string {
  const parts = by
    .map((b) => [b, keyValue(row, b)] as const)
    .filter(([, v]) => v !== undefined)
    .map(([b, v]) => (b === 'variant' ? String(v) : `${b.split('.').pop()}=${typeof v === 'string' ? v : JSON.stringify(v)}`));
  return parts.join(', ') || single;
}

/** Groups in the order of the trials' first appearance (the expansion's order). */
export function groupRows(rows: readonly ResultRow[], by: readonly string[], single?: string): Group[] {
  const groups = new Map<string, Group>();
  for (const row of [...rows].sort((a, b) => a.trial.index - b.trial.index)) {
    const key = JSON.stringify(by.map((b) => keyValue(row, b)));
    if (!groups.has(key)) groups.set(key, { label: labelOf(row, by, single), key, rows: [] });
    (groups.get(key) as Group).rows.push(row);
  }
  return [...groups.values()];
}
