import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserError } from '@ablate/spec';
import { planExperiment } from './plan';
import { canonicalJson } from './canonical-json';
import { trialTable } from './trial-table';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

describe('expandExperiment', () => {
  const plan = planExperiment(fixture('ablation-54.yaml'));
  const trials = plan.expansion.trials;

  it('expands a 3x3 grid x 2 variants x 3 seeds into 54 trials with distinct ids', () => {
    expect(trials).toHaveLength(54);
    expect(new Set(trials.map((t) => t.id)).size).toBe(54);
    expect(trials.every((t) => /^[0-9a-f]{12}$/.test(t.id))).toBe(true);
  });

  it('orders trials by variant, then grid point (last path fastest), then seed', () => {
    expect(trials.slice(0, 4).map((t) => [t.variant, t.grid.map((g) => g.value), t.seed])).toEqual([
      ['w/ BN', [0.1, 16], 7],
      ['w/ BN', [0.1, 16], 8],
      ['w/ BN', [0.1, 16], 9],
      ['w/ BN', [0.1, 32], 7],
    ]);
    expect(trials[27].variant).toBe('w/o BN');
    expect(trials.map((t) => t.index)).toEqual(trials.map((_, i) => i));
  });

  it('resolves variables and patches into each config', () => {
    const off = trials.find((t) => t.variant === 'w/o BN' && t.seed === 8)!;
    expect(off.config.seed).toBe(8);
    expect(off.config.vars).toEqual({ bn: false });
    expect(off.config.model.layers[1]).toEqual({ type: 'batch_norm', if: false });
    // the file's optimizer, with the schema's defaults filled in
    expect(off.config.optimizer).toEqual({ type: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weight_decay: 0 });
    // data facts are left for the model compiler
    expect(off.config.model.layers[4]).toEqual({ type: 'dense', units: '${data.classes}' });
  });

  it('fills every default once, where the trial is resolved, without changing what identifies it', () => {
    const [trial] = trials;
    expect(trial.config.training).toMatchObject({ shuffle: true, validate_every: 1, restore_best: false, eval_batch_size: 4 * trial.config.training.batch_size });
    const explicit = planExperiment(fixture('ablation-54.yaml'), { set: ['optimizer.nesterov=false', 'optimizer.weight_decay=0'] }).expansion.trials[0];
    // Spelling a default out changes nothing that runs, and names the trial by what the file says.
    expect(explicit.config).toEqual(trial.config);
    expect(explicit.id).not.toBe(trial.id);
  });

  it('takes the direction of a monitored metric from its name, for early stopping and the plateau schedule', () => {
    const set = ['training.early_stopping={monitor: val.oa, patience: 3}', 'schedule={type: plateau, monitor: val.loss}'];
    const [trial] = planExperiment(fixture('ablation-54.yaml'), { set }).expansion.trials;
    expect(trial.config.training.early_stopping).toEqual({ monitor: 'val.oa', patience: 3, mode: 'max', min_delta: 0 });
    expect(trial.config.schedule).toMatchObject({ type: 'plateau', monitor: 'val.loss', mode: 'min', factor: 0.1, patience: 10, min_lr: 0, warmup_epochs: 0 });
  });

  it('gives the same ids whatever the key order and number formatting of the file', () => {
    const again = planExperiment(fixture('ablation-54-reordered.yaml')).expansion.trials;
    expect(again.map((t) => t.id)).toEqual(trials.map((t) => t.id));
  });

  it('changes the id when any value changes', () => {
    const changed = planExperiment(fixture('ablation-54.yaml'), { set: ['optimizer.momentum=0.8'] }).expansion.trials;
    const before = new Set(trials.map((t) => t.id));
    expect(changed.filter((t) => before.has(t.id))).toHaveLength(0);
    const oneConv = planExperiment(fixture('ablation-54.yaml'), { set: ['model.layers.0.filters=9'] }).expansion.trials;
    expect(oneConv[0].id).not.toBe(trials[0].id);
  });

  it('is deterministic across runs', () => {
    const again = planExperiment(fixture('ablation-54.yaml')).expansion.trials;
    expect(again.map((t) => canonicalJson(t.config))).toEqual(trials.map((t) => canonicalJson(t.config)));
  });

  it('lists trials as a table', () => {
    const table = trialTable(plan.expansion).split('\n');
    expect(table[0].split(/\s+/)).toEqual(['#', 'id', 'variant', 'optimizer.lr', 'training.batch_size', 'seed']);
    expect(table).toHaveLength(56);
    expect(table[2]).toMatch(new RegExp(`^1\\s+${trials[0].id}\\s+w/ BN\\s+0.1\\s+16\\s+7$`));
  });

  it('zips grid paths joined by a comma', () => {
    const zipped = planExperiment(fixture('ablation-54.yaml'), {
      set: ['grid={"optimizer.lr,training.batch_size": [[0.1, 16], [0.2, 32]]}', 'variants=null', 'repeats=1'],
    }).expansion.trials;
    expect(zipped.map((t) => t.grid.map((g) => g.value))).toEqual([
      [0.1, 16],
      [0.2, 32],
    ]);
  });

  it('refuses two trials with the same config', () => {
    expect(() => planExperiment(fixture('ablation-54.yaml'), { set: ['grid={optimizer.lr: [0.1, 0.1]}'] })).toThrow(/same resolved config/);
  });

  it('lets a variant replace the whole model by a model file', () => {
    const [cnn, mlp] = planExperiment(fixture('compare-models.yaml')).expansion.trials;
    const types = (trial: typeof cnn) => (trial.config.model.layers as unknown as Array<{ type: string }>).map((l) => l.type);
    expect(types(cnn)).toEqual(['conv2d', 'relu', 'flatten', 'dense']);
    expect(types(mlp)).toEqual(['flatten', 'dense', 'relu', 'dense']);
    expect(JSON.stringify(mlp.config)).not.toContain('$replace');
  });
});

describe('variables that refer to each other', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-vars-'));
  const experiment = (vars: string) =>
    `dataset: { type: fashion_mnist }\nmodel:\n  layers: [{ type: flatten }, { type: dense, units: 10 }]\noptimizer: { type: adam, lr: "\${vars.lr}" }\ntraining: { epochs: 1, batch_size: 32 }\nvars:\n${vars}`;

  it('are resolved in any order, a long chain included', () => {
    // v0 needs v1, which needs v2, ...: written against the order of resolution.
    const chain = Array.from({ length: 2000 }, (_, i) => `  v${i}: "\${vars.v${i + 1}}"\n`).join('');
    writeFileSync(join(dir, 'chain.yaml'), experiment(`  lr: "\${vars.v0}"\n${chain}  v2000: 0.01\n`));
    const [trial] = planExperiment(join(dir, 'chain.yaml')).expansion.trials;
    expect(trial.config.optimizer.lr).toBe(0.01);
    expect((trial.config.vars as Record<string, unknown>).v1234).toBe(0.01);
  });

  it('are resolved through a long chain written the other way', () => {
    const chain = Array.from({ length: 2000 }, (_, i) => `  v${i + 1}: "\${vars.v${i}} "\n`).join('');
    writeFileSync(join(dir, 'reverse.yaml'), experiment(`  lr: 0.01\n  v0: a\n${chain}`));
    const [trial] = planExperiment(join(dir, 'reverse.yaml')).expansion.trials;
    expect((trial.config.vars as Record<string, string>).v2000).toBe(`a${' '.repeat(2000)}`);
  });

  it('in a long cycle are an error, not a hang', () => {
    const ring = Array.from({ length: 250 }, (_, i) => `  r${i}: "\${vars.r${(i + 1) % 250}}"\n`).join('');
    writeFileSync(join(dir, 'ring.yaml'), experiment(`  lr: 0.1\n${ring}`));
    expect(() => planExperiment(join(dir, 'ring.yaml'))).toThrow(/refer to each other in a cycle/);
  });

  it('in a cycle are an error at the first of them', () => {
    writeFileSync(join(dir, 'cycle.yaml'), experiment('  lr: 0.1\n  a: "${vars.b}"\n  b: "${vars.a}"\n'));
    expect(() => planExperiment(join(dir, 'cycle.yaml'))).toThrow(/the variables vars\.a, vars\.b refer to each other in a cycle/);
    try {
      planExperiment(join(dir, 'cycle.yaml'));
    } catch (error) {
      expect((error as UserError).at?.line).toBe(8);
    }
  });
});

describe('the task and the loss', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-task-'));
  const trialOf = (extra: string) => {
    writeFileSync(join(dir, 'exp.yaml'), `dataset: { type: fashion_mnist }\nmodel: { layers: [{ type: flatten }, { type: dense, units: 10 }] }\noptimizer: { type: adam }\ntraining: { epochs: 1, batch_size: 8 }\n${extra}`);
    return planExperiment(join(dir, 'exp.yaml')).expansion.trials[0];
  };

  it('imply each other: classification with cross-entropy by default, a regression under mse, mse for image_to_image', () => {
    const plain = trialOf('');
    expect(plain.config.task).toEqual({ type: 'classification' });
    expect(plain.config.loss).toEqual({ type: 'cross_entropy', label_smoothing: 0, class_weights: 'none' });
    expect(trialOf('loss: { type: mae }\n').config.task).toEqual({ type: 'regression' });
    const image = trialOf('task: { type: image_to_image, noise_sigma: 0.1 }\n').config;
    expect(image.task).toEqual({ type: 'image_to_image', noise_sigma: 0.1, data_range: 1 });
    expect(image.loss).toEqual({ type: 'mse' });
  });

  it('are recorded but not hashed: an experiment that writes neither keeps the ids it had before tasks existed', () => {
    expect(trialOf('').id).toBe(trialOf('').id);
    expect(trialOf('').id).not.toBe(trialOf('loss: { type: cross_entropy }\n').id);
  });
});
