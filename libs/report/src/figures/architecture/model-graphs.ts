/** The model of each row, from a finished trial's graph.json: each distinct one once, labelled by the rows that have it. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelGraph } from '@ablate/spec';
import type { Group } from '../../groups';

export const GRAPH_FILE = 'graph.json';

export function modelGraphs(groups: readonly Group[]): Array<{ label: string; graph: ModelGraph }> {
  const found: Array<{ label: string; graph: ModelGraph; key: string }> = [];
  for (const group of groups) {
    const row = group.rows.find((r) => r.status === 'done' && r.dir && existsSync(join(r.dir, GRAPH_FILE)));
    if (!row?.dir) continue;
    const text = readFileSync(join(row.dir, GRAPH_FILE), 'utf8');
    const graph = JSON.parse(text) as ModelGraph;
    // Rows with the same network (seeds, learning rates, ...) share one figure.
    const key = JSON.stringify({ ...graph, name: '' });
    const same = found.find((f) => f.key === key);
    if (same) same.label = `${same.label}, ${group.label}`;
    else found.push({ label: group.label, graph, key });
  }
  return found.map(({ label, graph }) => ({ label, graph }));
}
