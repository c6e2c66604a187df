/**
 * The best configuration of a search as YAML the user pastes under `variants:` to run it as a
 * variant: each param at the exact value the trial used (the shortest text that reads back as the
 * same number), with a rounded reading in a comment where that value is long.
 */
import { stringify } from 'yaml';
import { bestRow, type SearchDirection, type SearchRow } from './search-row';

/** A value as one line of YAML (a choice may be a mapping or a list: written in flow style). */
const yamlValue = (value: unknown) => stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();

/** `# ~ 0.00312` beside a number whose exact text is longer than its 3 significant digits. */
function rounded(value: unknown): string {
  if (typeof value !== 'number' || Number.isInteger(value)) return '';
  const short = Number(value.toPrecision(3));
  return String(short) === String(value) ? '' : `  # ~ ${short}`;
}

export interface BestConfig {
  /** The variant's name: `best (trial 17)`. */
  name: string;
  index: number;
  value: number;
  params: Record<string, unknown>;
  yaml: string;
}

export function bestConfig(rows: readonly SearchRow[], metric: string, direction: SearchDirection): BestConfig | undefined {
  const best = bestRow(rows, direction);
  if (!best) return undefined;
  const name = `best (trial ${best.index})`;
  const complete = rows.filter((r) => r.state === 'complete' && r.value !== undefined && Number.isFinite(r.value)).length;
  const lines = [
    `# The best of ${complete} complete trial${complete === 1 ? '' : 's'} by ${metric} (${direction}): trial ${best.index}, ${metric} ${best.value}.`,
    '# Paste it under variants: to run it as a variant of the experiment.',
    'variants:',
    `  ${JSON.stringify(name)}:${Object.keys(best.params).length === 0 ? ' {}' : ''}`,
    ...Object.entries(best.params).map(([path, value]) => `    ${yamlValue(path)}: ${yamlValue(value)}${rounded(value)}`),
  ];
  return { name, index: best.index, value: best.value!, params: best.params, yaml: `${lines.join('\n')}\n` };
}
