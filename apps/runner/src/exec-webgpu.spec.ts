/**
 * runner:exec on webgpu as a user runs it: the quick start on a slice of real Fashion-MNIST with
 * --backend webgpu ends by itself, names the adapter, and reaches the accuracy of the same command
 * on --backend native; with --backend auto a software adapter is left alone and Dawn's start-up
 * warnings stay off the output. Skips (saying why) without an adapter; CI sets ABLATE_REQUIRE_WEBGPU=1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeWebGpu } from '@ablate/backend';

const ROOT = join(__dirname, '..', '..', '..');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const gpu = probeWebGpu();
if (process.env.ABLATE_REQUIRE_WEBGPU && !gpu.ok) throw new Error(`ABLATE_REQUIRE_WEBGPU is set but WebGPU is unavailable: ${gpu.reason}`);
const skip = !hasFashionMnist ? 'Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)' : !gpu.ok ? `no WebGPU adapter: ${gpu.reason}` : undefined;

const SLICE = ['split.limit.train=2000', 'split.limit.val=300', 'split.limit.test=1000', 'training.epochs=2', 'repeats=1'];

function exec(backend: string, results: string, experiment = 'experiments/quickstart.yaml', set = SLICE) {
  const args = ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', experiment, '--backend', backend, '--set', `results_dir=${results}`, ...set.flatMap((s) => ['--set', s])];
  // No kill on our side: the process must end by itself once the report is written (the timeout is a failure).
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 480_000 });
}

const accuracies = (dir: string) =>
  readdirSync(dir)
    .filter((n) => /^[0-9a-f]{12}$/.test(n))
    .sort()
    .map((id) => JSON.parse(readFileSync(join(dir, id, 'metrics.json'), 'utf8')).test.oa as number);

(skip ? describe.skip : describe)(`runner:exec --backend webgpu${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('runs the quick start to the end, exits by itself, names the adapter, and matches the native accuracy within 2 points', () => {
    const native = mkdtempSync(join(tmpdir(), 'ablate-native-'));
    const webgpu = mkdtempSync(join(tmpdir(), 'ablate-webgpu-'));
    const a = exec('native', native);
    expect([a.status, a.stderr]).toEqual([0, '']);
    const b = exec('webgpu', webgpu);
    expect(b.error).toBeUndefined();
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/^backend: WebGPU on .+ \(requested\)$/m);
    expect(b.stdout).toMatch(/2 trial\(s\) done, 0 failed/);
    expect(b.stderr).not.toMatch(/internal error|\n\s+at /);
    const dir = join(webgpu, 'quickstart');
    const [first] = readdirSync(dir).filter((n) => /^[0-9a-f]{12}$/.test(n));
    const env = JSON.parse(readFileSync(join(dir, first, 'env.json'), 'utf8'));
    expect(env.backend).toMatchObject({ name: 'webgpu', adapter_description: (gpu as { adapter: { description: string } }).adapter.description });
    const [x, y] = [accuracies(join(native, 'quickstart')), accuracies(dir)];
    expect(y).toHaveLength(2);
    y.forEach((oa, i) => expect(Math.abs(oa - x[i])).toBeLessThan(0.02));
  }, 960_000);

  // The first convolution's output, [batch, 24, 24, 6] floats, just over the largest tensor this GPU's kernels can take.
  const tooLarge = gpu.ok ? Math.ceil(gpu.adapter.maxBinding / (24 * 24 * 6 * 4)) + 1 : 0;
  const fits = tooLarge > 0 && tooLarge <= 60000;
  (fits ? it : it.skip)(`stops at a batch too large for the GPU with one paragraph naming the cause and the fix${fits ? '' : ' (skipped: this GPU takes tensors larger than Fashion-MNIST can fill)'}`, () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-too-large-'));
    const set = [`split.limit.train=${tooLarge}`, 'split.limit.val=100', 'split.limit.test=100', 'training.epochs=1', 'repeats=1', `training.batch_size=${tooLarge}`];
    const run = exec('webgpu', results, 'experiments/quickstart.yaml', set);
    expect(run.status).toBe(1);
    expect(run.stderr.replace(/^Warning: .*\n/gm, '')).toMatch(/^error: the GPU reported an error at epoch 1, batch 1: a tensor of \d+ MiB is larger than this GPU lets one shader use \(\d+ MiB\)\. Lower training\.batch_size .*Finished trials are kept\.\n$/);
    expect(run.stdout).not.toMatch(/^(validation:|\[Invalid)/m);
    expect(readdirSync(join(results, 'quickstart')).filter((n) => /^[0-9a-f]{12}$/.test(n))).toEqual([]);
  }, 300_000);

  const software = gpu.ok && gpu.adapter.software;
  (software ? it : it.skip)(`leaves a software adapter alone under --backend auto, with nothing from Dawn on the output${software ? '' : ' (skipped: the adapter here is a hardware GPU)'}`, () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-auto-'));
    const run = exec('auto', results, 'apps/runner/fixtures/tiny/fmnist-tiny.yaml', ['training.epochs=1']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^backend: (native CPU kernels|pure JavaScript).*webgpu \(only a software adapter \(/m);
    expect(run.stderr).toBe('');
  }, 120_000);
});
