/**
 * The phases of a trial one by one, on the tiny Fashion-MNIST fixture (real images): each takes
 * what the one before gave and gives what the next needs; the record phase writes one folder shape
 * for each way a trial ends (done, failed, pruned).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { planExperiment, TrialStore } from '@ablate/sweep';
import { compilePhase } from './compile-phase';
import { evaluatePhase } from './evaluate-phase';
import { preparePhase } from './prepare-phase';
import { recordPhase, type TrialEnd } from './record-phase';
import { trainPhase } from './train-phase';

const FIXTURE = join(__dirname, '..', '..', '..', '..', 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');

(hasFashionMnist ? describe : describe.skip)(`a trial's phases${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  async function phasesUpTo() {
    const [trial] = planExperiment(FIXTURE, { set: ['training.epochs=1'] }).expansion.trials;
    const store = new TrialStore(mkdtempSync(join(tmpdir(), 'ablate-phases-')));
    const ctx = { experiment: 'tiny', baseDir: join(FIXTURE, '..'), store, backend: await selectBackend('cpu') };
    const lines: string[] = [];
    const data = preparePhase(trial, ctx.baseDir, (l) => lines.push(l));
    const model = compilePhase(trial, data, ctx);
    const draft = store.begin(trial.id);
    return { trial, store, ctx, lines, data, model, draft };
  }

  it('prepare, compile, train and evaluate hand each other what they need', async () => {
    const { trial, ctx, lines, data, model, draft } = await phasesUpTo();
    expect([data.train.size, data.val.size, data.test.size]).toEqual([300, 100, 200]);
    expect(lines[0]).toMatch(/^data: 300 train, 100 validation, 200 test examples of shape \[28, 28, 1\], 10 classes$/);
    expect([model.numericTargets, model.image, model.compiled.summary.outputShape]).toEqual([false, undefined, [10]]);
    const trained = await trainPhase(trial, ctx, draft, data, model, (l) => lines.push(l));
    expect(trained.status).toBe('trained');
    if (trained.status !== 'trained') return;
    expect(trained.result.history).toHaveLength(1);
    const evaluated = await evaluatePhase(trial, data, model);
    expect(Object.keys(evaluated.test.metrics)).toContain('oa');
    expect(evaluated.test.confusion?.flat().reduce((a, b) => a + b, 0)).toBe(200);
    draft.abandon();
    model.compiled.model.dispose();
  });

  it('records every end in one folder shape: the shared files, then what each end adds', async () => {
    const folders: Record<string, string[]> = {};
    for (const status of ['done', 'failed', 'pruned'] as const) {
      const { trial, store, ctx, lines, data, model, draft } = await phasesUpTo();
      const trained = await trainPhase(trial, ctx, draft, data, model, (l) => lines.push(l));
      if (trained.status !== 'trained') throw new Error('the fixture diverged');
      const result = trained.result;
      const end: TrialEnd =
        status === 'failed'
          ? { status, reason: 'the training loss became NaN at epoch 1, batch 3 (learning rate 0.01).', trainSeconds: 1 }
          : status === 'pruned'
            ? { status, result: { ...result, pruned: { epoch: 1, rule: 'median' } }, trainSeconds: 1 }
            : { status, result, trainSeconds: 1, evaluated: await evaluatePhase(trial, data, model) };
      const outcome = await recordPhase({ trial, ctx, draft, data, model, lines, started: 0 }, end);
      expect(outcome.status).toBe(status);
      const dir = store.trialDir(trial.id);
      folders[status] = readdirSync(dir).sort();
      const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
      expect([metrics.status, metrics.trial, metrics.seed]).toEqual([status, trial.id, trial.seed]);
      expect(readFileSync(join(dir, 'log.txt'), 'utf8').trim().split('\n').pop()).toMatch(status === 'done' ? /^test: oa / : status === 'failed' ? /^failed: the training loss/ : /^pruned after epoch 1: median$/);
    }
    // history.csv is the live history training writes each epoch, kept for a failed trial too.
    const shared = ['config.resolved.yaml', 'env.json', 'graph.json', 'history.csv', 'log.txt', 'metrics.json', 'summary.txt', 'timing.json'];
    expect(folders.failed).toEqual(shared);
    expect(folders.pruned).toEqual([...shared, 'model'].sort());
    expect(folders.done).toEqual([...shared, 'model', 'confusion.csv'].sort());
  }, 120000);
});
