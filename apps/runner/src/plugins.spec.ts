/**
 * Plug-ins as a user meets them: a plug-in's layer, loss and metric written in YAML like built-ins,
 * and each mistake a plug-in or its use can hold reported as one paragraph at its place, exit 1,
 * without ablate's stack. Then a trained model with a plug-in layer loaded in a new process, and a
 * plug-in edit that changes the trials' identity.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrialModel, tf } from '@ablate/plugins';
import { displayRelative } from '@ablate/spec';
import { cli } from './testing/cli';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'apps', 'runner', 'fixtures', 'plugins', 'cnn-cbam.yaml');
const EXAMPLE = join(ROOT, 'experiments', 'plugins', 'attention-components.ts');
const FIXTURES = join(ROOT, 'libs', 'plugins', 'fixtures');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const noData = hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)';


/** An experiment file in a fresh folder: the fixture plus `body` (absolute paths, so it can live anywhere). */
function experiment(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-plugin-'));
  const file = join(dir, 'experiment.yaml');
  writeFileSync(file, `extends: ${FIXTURE}\n${body}`);
  return file;
}

const shown = displayRelative(process.cwd());

/** The ```ts block of docs/plugins.md that contains `marker`, as a file in a fresh folder. */
function docsBlock(marker: string, name: string): string {
  const page = readFileSync(join(ROOT, 'docs', 'plugins.md'), 'utf8');
  const block = [...page.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]).find((b) => b.includes(marker));
  if (!block) throw new Error(`docs/plugins.md has no ts block with ${marker}`);
  const file = join(mkdtempSync(join(tmpdir(), 'ablate-docs-')), name);
  writeFileSync(file, block);
  return file;
}

/** The error contract: exit 1, one paragraph per problem starting with the place, no stack frame of ablate. */
function expectUserError(result: { code: number; out: string; err: string }, place: string, ...parts: string[]) {
  expect(result.code).toBe(1);
  expect(result.err).toMatch(/^error: /);
  expect(result.err).not.toMatch(/\n\s+at .+(libs|apps)\/.+:\d+:\d+\)?\n/);
  expect(result.err).toContain(place);
  for (const part of parts) expect(result.err).toContain(part);
}

describe('a plug-in', () => {
  it('adds a layer, a loss and a metric that the experiment uses like built-ins, named by validate', async () => {
    const result = await cli(['validate', '--experiment', FIXTURE, '--list']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/plug-in \S*experiments\/plugins\/attention-components\.ts \(source [0-9a-f]{12}\): layer cbam, loss focal, metric top2_accuracy, dataset netpbm_folder; part of the identity of its one trial/);
  });

  it("of docs/plugins.md's first example works as the page says", async () => {
    const plugin = docsBlock('dense_ln', 'dense-ln.ts');
    const layers = (field: string) => `plugins: [${plugin}]\nmodel:\n  layers:\n    - { type: flatten }\n    - { type: dense_ln, ${field}: 16 }\n    - { type: dense, units: 10 }\n`;
    const good = await cli(['summary', '--experiment', experiment(layers('units'))]);
    expect(good.err).toBe('');
    expect(good.out).toMatch(/dense_ln_1\s+dense_ln\s+\[16\]\s+12,592/);
    const file = experiment(layers('unit'));
    expectUserError(await cli(['validate', '--experiment', file]), `${shown(file)}:6:`, 'Did you mean `units`?');
  });

  it('writes a JSON Schema with its components, for the editor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-schema-'));
    const result = await cli(['schema', '--experiment', FIXTURE, '--out', dir]);
    expect(result.code).toBe(0);
    const schema = readFileSync(join(dir, 'experiment.schema.json'), 'utf8');
    const layer = (JSON.parse(schema) as { definitions: { layer: { properties: { type: { enum: string[] } }; oneOf: Array<{ title: string; properties: Record<string, { default?: unknown }> }> } } }).definitions.layer;
    expect(layer.properties.type.enum).toEqual(expect.arrayContaining(['conv2d', 'cbam']));
    expect(layer.oneOf.find((m) => m.title === 'cbam layer')?.properties.reduction.default).toBe(8);
    expect(schema).toContain('"focal"');
    expect(result.out).toContain('# yaml-language-server: $schema=');
  });

  it("refuses a misspelt parameter of its layer at the parameter's line, with the name it has", async () => {
    const file = experiment('model:\n  layers:\n    - { type: conv2d, filters: 4, kernel: 3 }\n    - { type: cbam, reductoin: 2 }\n    - { type: flatten }\n    - { type: dense, units: 10 }\n');
    expectUserError(await cli(['validate', '--experiment', file]), `${shown(file)}:5:21: model.layers[1].reductoin: unknown key "reductoin"`, 'Did you mean `reduction`?');
  });

  it('refuses a parameter of the wrong type', async () => {
    const file = experiment('loss: { type: focal, gamma: strong }\n');
    expectUserError(await cli(['validate', '--experiment', file]), `${shown(file)}:2:29: loss.gamma`);
  });

  it('shape-checks its layer on the data at validate', async () => {
    const file = experiment('model:\n  layers:\n    - { type: flatten }\n    - { type: cbam }\n    - { type: dense, units: 10 }\n');
    expectUserError(await cli(['validate', '--experiment', file]), `${shown(file)}:5:7: model.layers[1]`, 'attends over 2-D or 3-D feature maps', 'Put it after a convolution');
  });

  it.each([
    ['throws-at-import.ts', ':5:', "cannot be loaded: TypeError: Cannot read properties of undefined (reading 'toFixed')"],
    ['syntax-error.ts', ':5:', 'cannot be loaded: syntax error'],
    ['no-export.ts', '', 'exports "helper", which is not a kind of component'],
    ['clash-builtin.ts', '', 'adds a layer "relu", the name of ablate\'s built-in layer'],
  ])('%s: one paragraph naming the plug-in, the line and the cause', async (name, line, cause) => {
    const plugin = join(FIXTURES, name);
    const file = experiment(`plugins: [${plugin}]\n`);
    const place = line ? `${shown(plugin)}${line}` : `${shown(file)}:2:`;
    expectUserError(await cli(['validate', '--experiment', file]), place, `the plug-in ${shown(plugin)}`, cause);
  });

  it('refuses a name another plug-in of the experiment adds', async () => {
    const file = experiment(`plugins: [${join(FIXTURES, 'clash-other.ts')}]\n`);
    expectUserError(await cli(['validate', '--experiment', file]), `${shown(file)}:2:`, 'adds a metric "top2_accuracy", which the plug-in', 'adds already');
  });

  it("locates an exception in its layer's code at the plug-in's line", async () => {
    const plugin = join(FIXTURES, 'fails-in-build.ts');
    const file = experiment(`plugins: [${plugin}]\nmodel:\n  layers:\n    - { type: conv2d, filters: 4, kernel: 3 }\n    - { type: broken_layer }\n    - { type: flatten }\n    - { type: dense, units: 10 }\n`);
    expectUserError(await cli(['validate', '--experiment', file]), `${shown(plugin)}:9:`, 'failed in building its layer "broken_layer": RangeError: the filter bank is empty');
  });
});

describe('a plug-in edited after a run', () => {
  it("changes the identity of the experiment's trials, and nothing else does", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-edit-'));
    mkdirSync(join(dir, 'plugins'));
    copyFileSync(EXAMPLE, join(dir, 'plugins', 'attention-components.ts'));
    writeFileSync(join(dir, 'experiment.yaml'), readFileSync(FIXTURE, 'utf8').replace('../tiny/fmnist-tiny.yaml', join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml')).replace('../../../../experiments/plugins/', './plugins/'));
    const ids = () => {
      const run = spawnSync(process.execPath, [join(ROOT, 'apps', 'runner', 'bin', 'ablate.cjs'), 'validate', '--experiment', join(dir, 'experiment.yaml'), '--list'], { cwd: ROOT, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return [...run.stdout.matchAll(/^\d+\s+([0-9a-f]{12})/gm)].map((m) => m[1]);
    };
    const before = ids();
    expect(ids()).toEqual(before);
    const source = join(dir, 'plugins', 'attention-components.ts');
    writeFileSync(source, readFileSync(source, 'utf8').replace('if (higher < 2) hits++;', 'if (higher < 2) hits += 1;'));
    const after = ids();
    expect(after).toHaveLength(before.length);
    expect(after[0]).not.toBe(before[0]);
  }, 60000);
});

(hasFashionMnist ? describe : describe.skip)(`a plug-in optimizer and schedule${noData}`, () => {
  const TRAINING = join(ROOT, 'experiments', 'plugins', 'training-components.ts');
  /** The tiny Fashion-MNIST experiment trained with a plug-in's Lion and one-cycle. */
  function withTraining(body: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-plugin-training-'));
    const file = join(dir, 'experiment.yaml');
    writeFileSync(file, `extends: ${join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml')}\nplugins: [${TRAINING}]\n${body}`);
    return file;
  }

  it('refuses a misspelt parameter of the optimizer with the name it has', async () => {
    const file = withTraining('optimizer: { type: lion, beta: 0.95 }\n');
    expectUserError(await cli(['validate', '--experiment', file]), `${shown(file)}:3:`, 'optimizer.beta: unknown key "beta"', 'Did you mean `beta1`?');
  });

  it("trains with them: the history's learning rate is one-cycle's", async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-plugin-training-run-'));
    const file = withTraining('optimizer: { type: lion, lr: 0.001 }\nschedule: { type: one_cycle, pct_start: 0.5 }\ntraining: { epochs: 2, batch_size: 50 }\nreport: { plots: false }\n');
    const run = await cli(['exec', '--experiment', file, '--set', `results_dir=${results}`]);
    expect(run.err).toBe('');
    const id = /trial 1\/1 ([0-9a-f]{12})/.exec(run.out)?.[1] as string;
    const history = readFileSync(join(results, 'experiment', id, 'history.csv'), 'utf8').trim().split('\n');
    const lrColumn = history[0].split(',').indexOf('lr');
    // The rate of each epoch's last step (6 steps of 50): 5/6 of the way up from base / 25 to the base, then 5/6 of the way down.
    const cosine = (from: number, to: number, t: number) => to + ((from - to) * (1 + Math.cos(Math.PI * t))) / 2;
    const [start, base] = [0.001 / 25, 0.001];
    expect(history.slice(1).map((row) => Number(row.split(',')[lrColumn]))).toEqual([expect.closeTo(cosine(start, base, 5 / 6), 12), expect.closeTo(cosine(base, start / 1e4, 5 / 6), 12)]);
    const env = JSON.parse(readFileSync(join(results, 'experiment', id, 'env.json'), 'utf8')) as { plugins: Array<{ file: string }> };
    expect(env.plugins.map((p) => p.file)).toEqual([TRAINING]);
  }, 120000);
});

(hasFashionMnist ? describe : describe.skip)(`a plug-in corruption${noData}`, () => {
  it('tests the trained model at each of its levels: results, table columns and the robustness plot', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-plugin-corruption-'));
    const dir = mkdtempSync(join(tmpdir(), 'ablate-plugin-corruption-exp-'));
    const file = join(dir, 'experiment.yaml');
    const plugin = join(ROOT, 'experiments', 'plugins', 'robustness-components.ts');
    writeFileSync(file, `extends: ${join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml')}\nplugins: [${plugin}]\ntraining: { epochs: 1, batch_size: 50 }\nevaluation: { corruptions: [{ type: salt_and_pepper, amount: [0.05, 0.3] }] }\nreport: { plots: [robustness] }\n`);
    const run = await cli(['exec', '--experiment', file, '--set', `results_dir=${results}`]);
    expect(run.err).toBe('');
    const id = /trial 1\/1 ([0-9a-f]{12})/.exec(run.out)?.[1] as string;
    const metrics = JSON.parse(readFileSync(join(results, 'experiment', id, 'metrics.json'), 'utf8')) as { test: { oa: number }; corruptions: Record<string, { oa: number }> };
    expect(Object.keys(metrics.corruptions)).toEqual(['salt_and_pepper@amount=0.05', 'salt_and_pepper@amount=0.3']);
    // More impulse noise, no better accuracy (200 test images).
    expect(metrics.corruptions['salt_and_pepper@amount=0.3'].oa).toBeLessThanOrEqual(metrics.corruptions['salt_and_pepper@amount=0.05'].oa);
    expect(readFileSync(join(results, 'experiment', 'results.csv'), 'utf8')).toContain('corrupt.salt_and_pepper@amount=0.05.oa');
    expect(existsSync(join(results, 'experiment', 'plots', 'robustness.svg'))).toBe(true);
  }, 120000);
});

(hasFashionMnist ? describe : describe.skip)(`plug-in preprocessing steps${noData}`, () => {
  it("are fitted on the training part, applied by predict exactly as in training, and carried by an exported model's loader", async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-plugin-preprocessing-'));
    const dir = mkdtempSync(join(tmpdir(), 'ablate-plugin-preprocessing-exp-'));
    const file = join(dir, 'experiment.yaml');
    const plugin = join(ROOT, 'experiments', 'plugins', 'preprocessing-components.ts');
    const steps = '[{ type: scale, factor: 0.00392156862745098 }, { type: log1p, scale: 0.5 }, { type: mean_center }]';
    writeFileSync(file, `extends: ${join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml')}\nplugins: [${plugin}]\npreprocessing: ${steps}\ntraining: { epochs: 1, batch_size: 50 }\nreport: { plots: false }\n`);
    const run = await cli(['exec', '--experiment', file, '--set', `results_dir=${results}`]);
    expect(run.err).toBe('');
    const id = /trial 1\/1 ([0-9a-f]{12})/.exec(run.out)?.[1] as string;
    const metrics = JSON.parse(readFileSync(join(results, 'experiment', id, 'metrics.json'), 'utf8')) as { test: { oa: number } };
    const predicted = await cli(['predict', '--experiment', file, '--set', `results_dir=${results}`]);
    const [, right, total] = /accuracy [\d.]+ \((\d+) of (\d+) labelled examples\)/.exec(predicted.out) ?? [];
    expect(Number(right) / Number(total)).toBe(metrics.test.oa);

    const out = join(results, 'exported');
    expect((await cli(['export', '--experiment', file, '--set', `results_dir=${results}`, '--out', out])).code).toBe(0);
    const info = JSON.parse(readFileSync(join(out, 'preprocessing.json'), 'utf8')) as { steps: Array<{ type: string; name?: string; state?: { mean: number[] } }> };
    expect(info.steps.map((s) => s.name ?? s.type)).toEqual(['affine', 'log1p', 'mean_center']);
    // The mean of log(1 + 2x) over the training images, as fitted: positive, below log(3).
    const mean = info.steps[2].state?.mean[0] as number;
    expect(mean).toBeGreaterThan(0);
    expect(mean).toBeLessThan(Math.log(3));
    // The bundled loader applies the plug-in's steps: a fresh process gets the trial's model's output.
    const script = join(dir, 'check.js');
    writeFileSync(script, `require('@tensorflow/tfjs-backend-cpu');\nconst { load } = require(${JSON.stringify(join(out, 'ablate-model.cjs'))});\nload(${JSON.stringify(out)}).then((e) => { const x = e.preprocess(Float32Array.from({ length: 784 }, (_, i) => i % 256), 1); process.stdout.write(JSON.stringify(Array.from(x.dataSync().slice(0, 3)))); });\n`);
    const fresh = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
    expect(fresh.status === 0 ? '' : fresh.stderr).toBe('');
    const first = [0, 1, 2].map((i) => Math.log1p(i / 255 / 0.5) - mean);
    expect(JSON.parse(fresh.stdout)).toEqual(first.map((v) => expect.closeTo(v, 5)));
  }, 120000);
});

(hasFashionMnist ? describe : describe.skip)(`a trained model with a plug-in layer${noData}`, () => {
  it('records the plug-in metric and the plug-in, and loads in a new process that imports only the plug-in API', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-plugin-run-'));
    const small = ['--set', 'split.limit={train: 100, val: 50, test: 100}', '--set', 'training.epochs=1', '--set', 'report.plots=false'];
    const run = await cli(['exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, ...small]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const id = /trial 1\/1 ([0-9a-f]{12})/.exec(run.out)?.[1] as string;
    const trial = join(results, 'cnn-cbam', id);
    const metrics = JSON.parse(readFileSync(join(trial, 'metrics.json'), 'utf8')) as { test: Record<string, number> };
    expect(metrics.test.top2_accuracy).toBeGreaterThanOrEqual(metrics.test.oa);
    expect(metrics.test.top2_accuracy).toBeLessThanOrEqual(1);
    const env = JSON.parse(readFileSync(join(trial, 'env.json'), 'utf8')) as { plugins: Array<{ file: string; sha256: string }> };
    expect(env.plugins.map((p) => p.file)).toEqual([EXAMPLE]);
    expect(readFileSync(join(results, 'cnn-cbam', 'table.md'), 'utf8')).toContain('Top-2 acc. (%)');

    // Zeros through the model loaded here and in a fresh Node process running docs/plugins.md's example.
    const input = tf.zeros([1, 28, 28, 1]);
    const expected = Array.from(await ((await loadTrialModel(trial)).predict(input) as tf.Tensor).data());
    const script = docsBlock('loadTrialModel(', 'predict.ts');
    const fresh = spawnSync(process.execPath, ['--import', 'tsx', script, trial], {
      cwd: ROOT,
      encoding: 'utf8',
      // A script outside the workspace: its packages from the workspace's node_modules, @ablate/plugins through its tsconfig.
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'), NODE_PATH: join(ROOT, 'node_modules') },
    });
    // tfjs's pure-JS backend greets once on stderr; nothing else may be there.
    expect(fresh.stderr.replace(/\n?=+\nHi, looks like you are running TensorFlow\.js in Node\.js\.[^\n]*\n=+\n/, '')).toBe('');
    expect(JSON.parse(fresh.stdout)).toEqual(expected.map((v) => expect.closeTo(v, 5)));
  }, 120000);
});
