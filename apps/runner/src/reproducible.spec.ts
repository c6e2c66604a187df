/**
 * reproducible: strict, as a user runs it: the same experiment gives byte-identical weights and
 * metrics whatever instruction set the host offers oneDNN (a weaker CPU emulated with
 * ONEDNN_MAX_CPU_ISA), records the pinning in env.json, and refuses a GPU backend in one paragraph.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBinding } from '@ablate/backend';

const ROOT = join(__dirname, '..', '..', '..');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const native = loadBinding().ok;
const skip = !hasFashionMnist ? 'Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)' : !native ? 'the native kernels are not built' : undefined;
const SLICE = ['split.limit.train=1000', 'split.limit.val=200', 'split.limit.test=500', 'training.epochs=1', 'repeats=1'];

function exec(extra: string[], env: Record<string, string> = {}) {
  const results = mkdtempSync(join(tmpdir(), 'ablate-strict-'));
  const args = ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', 'experiments/fashion-mnist-cnn.yaml', '--set', `results_dir=${results}`, ...SLICE.flatMap((s) => ['--set', s]), ...extra];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const dir = join(results, 'fashion-mnist-cnn');
  const [id] = existsSync(dir) ? readdirSync(dir).filter((n) => /^[0-9a-f]{12}$/.test(n)) : [];
  const read = (name: string) => readFileSync(join(dir, id, name));
  return { run, id, read };
}

(skip ? describe.skip : describe)(`reproducible: strict${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('gives byte-identical weights and metrics whatever instruction set the host offers, and says so in env.json', () => {
    const here = exec(['--reproducible', 'strict']);
    const weaker = exec(['--reproducible', 'strict'], { ONEDNN_MAX_CPU_ISA: 'SSE41' });
    expect([here.run.status, here.run.stderr]).toEqual([0, '']);
    expect(weaker.run.status).toBe(0);
    expect(here.run.stdout).toMatch(/^backend: native CPU kernels \(oneDNN\), 1 thread \(auto; reproducible: strict, oneDNN capped at avx2\)$/m);
    expect(here.read('model/weights.bin').equals(weaker.read('model/weights.bin'))).toBe(true);
    expect(here.read('metrics.json').equals(weaker.read('metrics.json'))).toBe(true);
    const env = JSON.parse(String(here.read('env.json')));
    expect(env.backend).toMatchObject({ name: 'native', threads: 1, reproducible: 'strict', isa_ceiling: 'avx2' });
    // The id is the experiment's: strict and default runs of it are the same trial.
    expect(exec([]).id).toBe(here.id);
  }, 180_000);

  it('refuses a GPU backend in one paragraph', () => {
    const { run } = exec(['--reproducible', 'strict', '--backend', 'webgpu']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: reproducible: strict cannot run on the backend "webgpu": GPUs and libtensorflow choose their kernels by device, so their results differ between machines\. Use backend: native/);
  }, 60_000);
});
