import { load } from 'js-yaml';
import { parse } from 'yaml';
import { bestConfig } from './best-config';
import type { SearchRow } from './search-row';

const rows: SearchRow[] = [
  { index: 0, state: 'complete', value: 0.81, params: { 'optimizer.lr': 0.01, 'training.batch_size': 64, 'optimizer.type': 'adam' } },
  { index: 17, state: 'complete', value: 0.9132, params: { 'optimizer.lr': 0.003123456789123457, 'vars.dropout': 0.15, 'vars.blocks': 3, 'training.batch_size': 32, 'optimizer.type': 'sgd', 'optimizer.momentum': 0.9, 'vars.head': { units: 128, act: 'relu' }, 'vars.tag': 'yes', 'vars.code': '1e-3', 'optimizer.weight_decay': 1.5e-7 } },
  { index: 5, state: 'pruned', value: 0.99, params: { 'optimizer.lr': 0.5 } },
  { index: 6, state: 'failed', params: { 'optimizer.lr': 0.7 } },
  { index: 9, state: 'complete', value: 0.9132, params: { 'optimizer.lr': 0.02 } },
];

describe('bestConfig', () => {
  const best = bestConfig(rows, 'val.oa', 'maximize')!;

  it('takes the best complete trial (the first on a tie; a pruned trial never, whatever its last value)', () => {
    expect(best.index).toBe(9);
    expect(bestConfig(rows.filter((r) => r.index !== 9), 'val.oa', 'maximize')!.index).toBe(17);
    expect(bestConfig(rows, 'val.loss', 'minimize')!.index).toBe(0);
    expect(bestConfig([rows[2], rows[3]], 'val.oa', 'maximize')).toBeUndefined();
  });

  it('writes a variant that reads back, with both YAML readers, as exactly the values the trial used', () => {
    const config = bestConfig(rows.filter((r) => r.index !== 9), 'val.oa', 'maximize')!;
    for (const read of [parse, load]) {
      const doc = read(config.yaml) as { variants: Record<string, Record<string, unknown>> };
      expect(doc).toEqual({ variants: { 'best (trial 17)': rows[1].params } });
    }
    expect(config.yaml).toContain('"best (trial 17)":');
    expect(config.yaml).toContain(`optimizer.lr: ${String(rows[1].params['optimizer.lr'])}  # ~ 0.00312`);
    expect(config.yaml).toContain('vars.dropout: 0.15\n');
    expect(config.yaml).toContain('vars.head: { units: 128, act: relu }');
    // A string YAML would read as a number is quoted.
    expect(config.yaml).toContain('vars.code: "1e-3"');
    expect(config.yaml.split('\n')[0]).toBe('# The best of 2 complete trials by val.oa (maximize): trial 17, val.oa 0.9132.');
  });
});
