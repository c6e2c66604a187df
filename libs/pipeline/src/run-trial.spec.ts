/** A trial's record is reproducible by construction: equal seeds give equal bytes, on the same backend. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBinding, selectBackend } from '@ablate/backend';
import { historyColumns, METRICS, type TaskName } from '@ablate/spec';
import { planExperiment, TrialStore } from '@ablate/sweep';
import { runTrial } from './run-trial';

const FIXTURE = join(__dirname, '..', '..', '..', 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const noFashionMnist = hasFashionMnist ? undefined : 'Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)';
const native = loadBinding();
// CI sets ABLATE_REQUIRE_NATIVE=1: there a missing or broken addon fails the test below instead of skipping it.
const requireNative = Boolean(process.env.ABLATE_REQUIRE_NATIVE) && process.env.ABLATE_REQUIRE_NATIVE !== '0';
const noNative = noFashionMnist ?? (native.ok || requireNative ? undefined : `no native kernels: ${native.reason}`);
const skipped = (why: string | undefined) => (why ? ` (skipped: ${why})` : '');
/** The metrics libs/spec's registry says a trial of this task records on its test set. */
const registered = (task: TaskName) => METRICS.entries().filter((m) => m.tasks.includes(task)).map((m) => m.name).sort();
const historyHeader = (dir: string) => readFileSync(join(dir, 'history.csv'), 'utf8').split('\n')[0].split(',');

async function run(set: string[] = [], backend: 'cpu' | 'native' = 'cpu') {
  const plan = planExperiment(FIXTURE, { set });
  const [trial] = plan.expansion.trials;
  const store = new TrialStore(mkdtempSync(join(tmpdir(), 'ablate-run-')));
  const outcome = await runTrial(trial, { experiment: 'tiny', baseDir: join(FIXTURE, '..'), store, backend: await selectBackend(backend) });
  const dir = store.trialDir(trial.id);
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : undefined);
  return { outcome, dir, metrics: read('metrics.json'), weights: read('model/weights.bin'), store, trial };
}

(noFashionMnist ? describe.skip : describe)(`runTrial${skipped(noFashionMnist)}`, () => {
  it('writes byte-identical metrics.json and weights for the same seed, and different ones for another seed', async () => {
    const [a, b, c] = [await run(), await run(), await run(['seed=4'])];
    expect(a.outcome.status).toBe('done');
    expect(a.metrics?.equals(b.metrics as Buffer)).toBe(true);
    expect(a.weights?.equals(b.weights as Buffer)).toBe(true);
    expect(a.metrics?.equals(c.metrics as Buffer)).toBe(false);
    expect(a.weights?.equals(c.weights as Buffer)).toBe(false);
    for (const file of ['config.resolved.yaml', 'history.csv', 'confusion.csv', 'summary.txt', 'env.json', 'timing.json', 'log.txt', 'model/model.json']) {
      expect([file, existsSync(join(a.dir, file))]).toEqual([file, true]);
    }
    const metrics = JSON.parse(String(a.metrics));
    // Exactly the metrics the registry lists for the task, and the history columns it says are recorded each epoch.
    expect(Object.keys(metrics.test).sort()).toEqual(registered('classification'));
    expect(metrics.test_per_class.classes).toHaveLength(10);
    expect(readFileSync(join(a.dir, 'history.csv'), 'utf8').split('\n')[0]).toBe('epoch,lr,train.loss,train.oa,val.loss,val.oa,val.aa,val.kappa,seconds');
    expect(historyHeader(a.dir)).toEqual(['epoch', 'lr', ...historyColumns('classification'), 'seconds']);
    const env = JSON.parse(readFileSync(join(a.dir, 'env.json'), 'utf8'));
    expect(env.backend.name).toBe('cpu');
    expect(env.data[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(env.seed).toBe(3);
  });

  (noNative ? it.skip : it)(`trains a denoiser on noisy inputs and clean targets, and records PSNR and SSIM of its output and of its input${skipped(noNative)}`, async () => {
    const denoiser = [
      'task={type: image_to_image, noise_sigma: 0.2}',
      'model={layers: [{type: conv2d, filters: 8, kernel: 3, padding: 1}, {type: relu}, {type: conv2d, filters: 1, kernel: 3, padding: 1, name: noise}, {type: subtract, inputs: [input, noise]}]}',
      'training.epochs=3',
    ];
    // Convolutions train on the native kernels: tfjs's JavaScript ones take minutes here.
    const [a, b] = [await run(denoiser, 'native'), await run(denoiser, 'native')];
    expect(a.outcome.status).toBe('done');
    expect(a.metrics?.equals(b.metrics as Buffer)).toBe(true);
    const { test } = JSON.parse(String(a.metrics)) as { test: Record<string, number> };
    expect(Object.keys(test).sort()).toEqual(registered('image_to_image'));
    // sigma 0.2 on [0, 1] images: about 14 dB; the trained denoiser removes part of the noise.
    expect(test.input_psnr).toBeGreaterThan(13);
    expect(test.input_psnr).toBeLessThan(15);
    expect(test.psnr).toBeGreaterThan(test.input_psnr + 1);
    expect(test.ssim).toBeGreaterThan(test.input_ssim);
    expect(readFileSync(join(a.dir, 'config.resolved.yaml'), 'utf8')).toMatch(/loss:\n {2}type: mse/);
    expect(readFileSync(join(a.dir, 'history.csv'), 'utf8').split('\n')[0]).toBe('epoch,lr,train.loss,val.loss,val.mse,val.psnr,val.ssim,seconds');
    expect(historyHeader(a.dir)).toEqual(['epoch', 'lr', ...historyColumns('image_to_image'), 'seconds']);
  });

  it('records for a regression exactly the metrics and history columns the registry lists', async () => {
    const { outcome, metrics, dir } = await run(['loss={type: mse}', 'model={layers: [{type: flatten}, {type: dense, units: 1}]}', 'training.epochs=1']);
    expect(outcome.status).toBe('done');
    expect(Object.keys(JSON.parse(String(metrics)).test).sort()).toEqual(registered('regression'));
    expect(historyHeader(dir)).toEqual(['epoch', 'lr', ...historyColumns('regression'), 'seconds']);
  });

  it('records a diverging loss as a failed trial with its reason', async () => {
    const { outcome, metrics } = await run(['optimizer={type: sgd, lr: 1e30}']);
    expect(outcome.status).toBe('failed');
    const recorded = JSON.parse(String(metrics));
    expect(recorded.status).toBe('failed');
    expect(recorded.reason).toMatch(/the training loss became (NaN|Infinity|-Infinity) at epoch 1, batch \d+ \(learning rate 1e\+30\)\. Lower the learning rate/);
  });
});

const CNN = join(__dirname, '..', '..', '..', 'experiments', 'fashion-mnist-cnn.yaml');

(noNative ? describe.skip : describe)(`runTrial on the native kernels${skipped(noNative)}`, () => {
  it('trains the Fashion-MNIST CNN to bitwise-identical weights twice with the same seed and thread count', async () => {
    if (!native.ok) throw new Error(`ABLATE_REQUIRE_NATIVE is set but ${native.reason}`);
    const backend = await selectBackend('native', { threads: 2 });
    const set = ['split.limit.train=1000', 'split.limit.val=200', 'split.limit.test=500', 'training.epochs=1'];
    const once = async () => {
      const plan = planExperiment(CNN, { set });
      const [trial] = plan.expansion.trials;
      const store = new TrialStore(mkdtempSync(join(tmpdir(), 'ablate-native-')));
      const outcome = await runTrial(trial, { experiment: 'cnn', baseDir: join(CNN, '..'), store, backend });
      expect(outcome.status).toBe('done');
      return { weights: readFileSync(join(store.trialDir(trial.id), 'model', 'weights.bin')), metrics: readFileSync(join(store.trialDir(trial.id), 'metrics.json')), env: JSON.parse(readFileSync(join(store.trialDir(trial.id), 'env.json'), 'utf8')) };
    };
    const [a, b] = [await once(), await once()];
    expect(a.env.backend.name).toBe('native');
    expect(a.env.backend.threads).toBe(2);
    expect(a.weights.equals(b.weights)).toBe(true);
    expect(a.metrics.equals(b.metrics)).toBe(true);
    await selectBackend('cpu');
  }, 120000);
});
