/**
 * `validate` compiles every distinct model against its data: errors name the variant, data read
 * once is remembered (the next validate reads none), and data that is not on this machine is a
 * note, not a failure (data that is there but cannot be read is an error). On a SYNTHETIC CSV
 * table written here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { factsOf } from '@ablate/data';
import { runCli } from './cli/run-cli';

/** A table of `features` columns; its last row holds a value unique to this run, so that no earlier run's cache knows it. */
const NONCE = `0.${process.pid}${Date.now()}`;
function table(features: number): string {
  const header = [...Array.from({ length: features }, (_, i) => `f${i}`), 'label'];
  const rows = [header.join(','), [...Array.from({ length: features }, () => NONCE), 0].join(',')];
  for (let i = 0; i < 30; i++) rows.push([...Array.from({ length: features }, (_, j) => ((i * (j + 3)) % 7) / 7), i % 3].join(','));
  return rows.join('\n') + '\n';
}

const EXPERIMENT = (model: string, extra: string[] = []) =>
  ['dataset: { type: csv, path: synthetic.csv, label_column: label }', 'split: { type: ratio, train: 0.5 }', `model: ${model}`, 'optimizer: { type: sgd, lr: 0.1 }', 'training: { epochs: 1, batch_size: 8 }', ...extra].join('\n') + '\n';

async function validate(file: string) {
  let out = '';
  let err = '';
  const code = await runCli(['validate', '--experiment', relative(process.cwd(), file)], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('validate checks each model against its data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-validate-models-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the variant whose model cannot work, at the layer, with both shapes', async () => {
    writeFileSync(join(dir, 'synthetic.csv'), table(4));
    writeFileSync(
      join(dir, 'variants.yaml'),
      EXPERIMENT('{ layers: [{ type: dense, units: "${data.classes}" }] }', ['variants:', '  good: {}', '  images:', '    model.layers: [{ type: conv2d, filters: 2, kernel: 3 }, { type: flatten }, { type: dense, units: 3 }]']),
    );
    const { code, out, err } = await validate(join(dir, 'variants.yaml'));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^error: .*variants\.yaml:\d+:\d+: .*conv2d layer \(input \[4\]\).*\(in the trials of variant "images"\)/);
    expect(err).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });

  it('reads the data once, then takes its facts from the cache until a file changes', () => {
    writeFileSync(join(dir, 'synthetic.csv'), table(5));
    const config = { dataset: { type: 'csv', path: 'synthetic.csv', label_column: 'label' }, split: { type: 'ratio', train: 0.5 } } as never;
    const first = factsOf(config, { baseDir: dir, seed: 1 });
    expect(first.source).toBe('read');
    expect(first.facts).toMatchObject({ classes: 3, input_shape: [5] });
    expect(factsOf(config, { baseDir: dir, seed: 1 })).toEqual({ ...first, source: 'cached' });
    writeFileSync(join(dir, 'synthetic.csv'), table(6));
    expect(factsOf(config, { baseDir: dir, seed: 1 })).toMatchObject({ source: 'read', facts: { input_shape: [6] } });
  });

  it('says which models it could not check when their data is not here, and passes', async () => {
    writeFileSync(join(dir, 'elsewhere.yaml'), EXPERIMENT('{ layers: [{ type: dense, units: "${data.classes}" }] }').replace('synthetic.csv', 'on-the-cluster.csv'));
    const { code, out, err } = await validate(join(dir, 'elsewhere.yaml'));
    expect(code).toBe(0);
    expect(out).toMatch(/valid: 1 trial/);
    expect(err).toMatch(/^note: the model is not checked against its data, which is not on this machine: .*on-the-cluster\.csv/);
  });
});
