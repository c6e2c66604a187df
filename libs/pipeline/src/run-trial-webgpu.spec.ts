/**
 * A whole trial on webgpu: the quick start's CNN with batch norm, on a slice of real
 * Fashion-MNIST, trains, records the adapter in env.json, and keeps the number of tensors and
 * bytes flat from epoch to epoch. (apps/runner's exec-webgpu test compares its accuracy with the
 * native kernels'.)
 * Skips (saying why) without a WebGPU adapter; CI sets ABLATE_REQUIRE_WEBGPU=1 with lavapipe.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { probeWebGpu, releaseBackend, selectBackend, type BackendChoice } from '@ablate/backend';
import { planExperiment, TrialStore } from '@ablate/sweep';
import { runTrial } from './run-trial';

const QUICKSTART = join(__dirname, '..', '..', '..', 'experiments', 'quickstart.yaml');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const gpu = probeWebGpu();
if (process.env.ABLATE_REQUIRE_WEBGPU && !gpu.ok) throw new Error(`ABLATE_REQUIRE_WEBGPU is set but WebGPU is unavailable: ${gpu.reason}`);
const skip = !hasFashionMnist ? 'Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)' : !gpu.ok ? `no WebGPU adapter: ${gpu.reason}` : undefined;

const SET = ['split.limit.train=2000', 'split.limit.val=300', 'split.limit.test=1000', 'training.epochs=3', 'repeats=1', 'optimizer.lr=0.003'];

async function trial(backend: BackendChoice, extra: string[] = []) {
  const plan = planExperiment(QUICKSTART, { set: [...SET, ...extra] });
  const trial = plan.expansion.trials.find((t) => t.variant === 'w/ BN') ?? plan.expansion.trials[0];
  const store = new TrialStore(mkdtempSync(join(tmpdir(), `ablate-${backend.name}-`)));
  const memory: Array<ReturnType<typeof tf.memory> & { numBytesInGPU?: number }> = [];
  const outcome = await runTrial(trial, {
    experiment: 'quickstart',
    baseDir: join(QUICKSTART, '..'),
    store,
    backend,
    events: {
      onEpochEnd: () => {
        memory.push(tf.memory());
      },
    },
  });
  const read = (name: string) => readFileSync(join(store.trialDir(trial.id), name));
  return { outcome, memory, read };
}

(skip ? describe.skip : describe)(`a trial on webgpu${skip ? ` (skipped: ${skip})` : ''}`, () => {
  afterAll(() => releaseBackend());

  it('trains, records the adapter, and keeps memory flat over epochs', async () => {
    const webgpu = await trial(await selectBackend('webgpu'));
    expect(webgpu.outcome.status).toBe('done');
    expect(JSON.parse(String(webgpu.read('metrics.json'))).test.oa).toBeGreaterThan(0.6);

    const env = JSON.parse(String(webgpu.read('env.json')));
    expect(env.backend.name).toBe('webgpu');
    expect(env.backend.adapter).toBeTruthy();
    expect(env.backend.adapter_description).toBe((gpu as { adapter: { description: string } }).adapter.description);
    expect(typeof env.backend.adapter_software).toBe('boolean');

    // Epoch 1 creates the optimizer's slots; from then on nothing may accumulate.
    expect(webgpu.memory).toHaveLength(3);
    const [, second, third] = webgpu.memory;
    expect([third.numTensors, third.numBytes, third.numBytesInGPU]).toEqual([second.numTensors, second.numBytes, second.numBytesInGPU]);
    expect(second.numBytesInGPU).toBeGreaterThan(0);
  }, 600_000);

  it('fails a diverging trial at the first step whose loss was not finite, though it reads losses two steps late', async () => {
    const backend = await selectBackend('webgpu');
    expect(backend.readDepth).toBeGreaterThan(0);
    const run = await trial(backend, ['optimizer={type: sgd, lr: 1e30}', 'training.epochs=1']);
    expect(run.outcome.status).toBe('failed');
    expect(run.outcome.reason).toMatch(/the training loss became (NaN|Infinity|-Infinity) at epoch 1, batch 2 \(learning rate 1e\+30\)/);
  }, 600_000);
});
