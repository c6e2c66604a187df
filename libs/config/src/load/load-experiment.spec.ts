import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '@ablate/spec';
import { loadExperiment } from './load-experiment';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-load-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('loadExperiment', () => {
  const dir = workspace({
    'base.yaml': 'optimizer: { type: adam, lr: 0.1 }\ntraining: { epochs: 3, batch_size: 8 }\ndataset: { type: npy, x: data/x.npy, y: data/y.npy }\n',
    'models/cnn.yaml': 'layers:\n  - { type: flatten }\n  - { type: dense, units: 3 }\n',
    'models/wide.yaml': 'extends: ./cnn.yaml\ndescription: wide\n',
    'sub/exp.yaml': 'extends: ../base.yaml\noptimizer: { lr: 0.01 }\nmodel: { extends: ../models/wide.yaml }\n',
    'cycle-a.yaml': 'extends: ./cycle-b.yaml\n',
    'cycle-b.yaml': 'extends: ./cycle-a.yaml\n',
    'missing.yaml': 'model:\n  extends: ./models/none.yaml\n',
  });

  it('merges bases and fragments, this file winning', () => {
    const { doc, defaultName } = loadExperiment(join(dir, 'sub/exp.yaml'));
    expect(defaultName).toBe('exp');
    expect(doc.value).toMatchObject({
      optimizer: { type: 'adam', lr: 0.01 },
      training: { epochs: 3 },
      model: { description: 'wide', layers: [{ type: 'flatten' }, { type: 'dense', units: 3 }] },
    });
    expect(doc.positions.get('/optimizer/lr')?.value.file).toMatch(/sub\/exp\.yaml$/);
    expect(doc.positions.get('/optimizer/type')?.value.file).toMatch(/base\.yaml$/);
    expect(doc.positions.get('/model/layers/1/units')?.value).toMatchObject({ line: 3 });
    expect(doc.positions.get('/model/layers/1/units')?.value.file).toMatch(/models\/cnn\.yaml$/);
  });

  it('rebases dataset paths onto the experiment file folder', () => {
    const { doc } = loadExperiment(join(dir, 'sub/exp.yaml'));
    expect((doc.value as { dataset: unknown }).dataset).toEqual({ type: 'npy', x: '../data/x.npy', y: '../data/y.npy' });
  });

  it('reports an extends cycle with the chain of files', () => {
    const error = thrown(() => loadExperiment(join(dir, 'cycle-a.yaml'), { cwd: dir }));
    expect(error.message).toBe('`extends` cycle: cycle-a.yaml -> cycle-b.yaml -> cycle-a.yaml.');
    expect(error.at).toEqual({ file: 'cycle-b.yaml', line: 1, col: 10 });
  });

  it('reports a missing fragment at the line that names it', () => {
    const error = thrown(() => loadExperiment(join(dir, 'missing.yaml'), { cwd: dir }));
    expect(error.message).toBe('the file models/none.yaml does not exist.');
    expect(error.at).toEqual({ file: 'missing.yaml', line: 2, col: 12 });
  });

  it('applies --set overrides with YAML-typed values', () => {
    const { doc } = loadExperiment(join(dir, 'base.yaml'), { set: ['training.epochs=5', 'optimizer={type: sgd, lr: 0.5}', 'vars.bn=false'] });
    expect(doc.value).toMatchObject({ training: { epochs: 5 }, optimizer: { type: 'sgd', lr: 0.5 }, vars: { bn: false } });
    expect(doc.positions.get('/training/epochs')?.value.file).toBe('--set training.epochs=5');
  });

  it('rejects an override without a path', () => {
    expect(thrown(() => loadExperiment(join(dir, 'base.yaml'), { set: ['epochs'] })).hint).toMatch(/--set training.epochs=5/);
  });

  it('positions what a --set creates at the --set argument, not at line 1 of the file', () => {
    const { doc } = loadExperiment(join(dir, 'base.yaml'), { set: ['trainin.epochs=2'] });
    expect(doc.positions.get('/trainin')?.key).toEqual({ file: '--set trainin.epochs=2', line: 0, col: 0 });
    expect(doc.positions.get('/trainin/epochs')?.value.file).toBe('--set trainin.epochs=2');
  });

  it('remembers the --set that deletes a key with null', () => {
    const { doc } = loadExperiment(join(dir, 'base.yaml'), { set: ['training.epochs=null'] });
    expect(doc.value).toMatchObject({ training: { batch_size: 8 } });
    expect(doc.positions.has('/training/epochs')).toBe(false);
    expect(doc.removed?.get('/training/epochs')?.value.file).toBe('--set training.epochs=null');
  });

  it('remembers a null in a file that deletes a key of its base, through fragments', () => {
    const work = workspace({
      'base.yaml': 'training: { epochs: 3, batch_size: 8 }\nmodel: { layers: [{ type: flatten }] }\n',
      'model.yaml': 'description: m\nlayers: [{ type: flatten }]\n',
      'exp.yaml': 'extends: ./base.yaml\ntraining:\n  epochs:\nmodel:\n  extends: ./model.yaml\n  description: null\n',
    });
    const { doc } = loadExperiment(join(work, 'exp.yaml'), { cwd: work });
    expect(doc.value).toMatchObject({ training: { batch_size: 8 } });
    expect(doc.removed?.get('/training/epochs')?.key).toEqual({ file: 'exp.yaml', line: 3, col: 3 });
    expect(doc.removed?.get('/model/description')?.key).toEqual({ file: 'exp.yaml', line: 6, col: 3 });
  });
});
