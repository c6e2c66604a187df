/**
 * `runner:summary --model`: a model file's layer table without an experiment. The notes'
 * MobileNets print as many trainable parameters as their PyTorch definitions
 * (tools/reference/model_params.py → libs/models/fixtures/reference-params.json).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli/run-cli';

const ROOT = join(__dirname, '..', '..', '..');
const reference = JSON.parse(readFileSync(join(ROOT, 'libs', 'models', 'fixtures', 'reference-params.json'), 'utf8')).trainable_params as Record<string, number>;

async function summary(...args: string[]) {
  let out = '';
  let err = '';
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = await runCli(['summary', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  } finally {
    process.chdir(cwd);
  }
}

/** The figure of a summary's `<label>:` line, e.g. "trainable parameters:      2,142,026". */
const count = (out: string, label: string) => Number(new RegExp(`^${label}:\\s+([\\d,]+)`, 'm').exec(out)?.[1].replace(/,/g, ''));

describe('runner:summary --model', () => {
  it.each([
    ['mobilenet-v1-notes', 2142026],
    ['mobilenet-v2-notes', 2296922],
  ])('prints %s on CIFAR-10-shaped data with PyTorch’s parameter count', async (name, pytorch) => {
    const { code, out, err } = await summary('--model', `experiments/models/${name}.yaml`, '--input-shape', '32,32,3', '--classes', '10');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(new RegExp(`^model ${name}: input \\[32, 32, 3\\] -> output \\[10\\]`));
    expect(reference[name]).toBe(pytorch);
    // PyTorch's sum(p.numel() for p in model.parameters()): BN's gamma and beta, not its running statistics.
    expect(count(out, 'trainable parameters')).toBe(pytorch);
    expect(count(out, 'total parameters')).toBe(pytorch + count(out, 'non-trainable parameters'));
  });

  it('takes the variables a model file uses from --set vars.x=...', async () => {
    const { code, out } = await summary('--model', 'experiments/models/se-cnn.yaml', '--input-shape', '32,32,3', '--classes', '10', '--set', 'vars.se=false');
    expect(code).toBe(0);
    expect(count(out, 'trainable parameters')).toBe(reference['se-cnn-without-se']);
  });

  it('compiles a text model with --vocab-size, and says to give it when missing', async () => {
    const { code, out } = await summary('--model', 'experiments/models/sentence-cnn.yaml', '--input-shape', '50', '--classes', '2', '--vocab-size', '20000');
    expect(code).toBe(0);
    expect(count(out, 'trainable parameters')).toBe(reference['sentence-cnn']);
    const missing = await summary('--model', 'experiments/models/sentence-cnn.yaml', '--input-shape', '50', '--classes', '2');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/sentence-cnn\.yaml:\d+:\d+: layers\[0\]\.vocab_size: .*`data` has no `vocab_size`.* Give it with --vocab-size 20002\.\n$/);
  });

  it('refuses a bad --input-shape, a missing file and a model that does not fit the shape, as user errors', async () => {
    const shape = await summary('--model', 'experiments/models/mobilenet-v1-notes.yaml', '--input-shape', '32x32x3', '--classes', '10');
    expect(shape).toEqual({ code: 1, out: '', err: 'error: --input-shape 32x32x3: expected whole numbers >= 1 separated by commas, without the batch axis. For example --input-shape 32,32,3 (height, width, channels).\n' });
    const missing = await summary('--model', 'experiments/models/nope.yaml', '--input-shape', '32,32,3', '--classes', '10');
    expect(missing).toEqual({ code: 1, out: '', err: 'error: the file experiments/models/nope.yaml does not exist. Check the path; it is relative to the current directory.\n' });
    const both = await summary('--experiment', 'experiments/quickstart.yaml', '--model', 'experiments/models/se-cnn.yaml');
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/^error: `summary` needs only one of --experiment or --model\./);
  });

  it('reports a model too small for its input in one paragraph, exit 1, no stack trace (the real CLI)', () => {
    const args = ['summary', '--model', 'experiments/models/mobilenet-v1-notes.yaml', '--input-shape', '16,16,3', '--classes', '10'];
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: experiments\/models\/mobilenet-v1-notes\.yaml:\d+:\d+: layers\[4\]: this avg_pool2d layer turns its input \[1, 1, 1024\] into \[0, 0, 1024\]/);
  });

  it('still prints every model of an experiment with --experiment', async () => {
    const { code, out } = await summary('--experiment', 'experiments/quickstart.yaml');
    expect(code).toBe(0);
    expect(out).toMatch(/^variant "w\/o BN"\nmodel quickstart:/);
    expect(out.match(/^trainable parameters:/gm)).toHaveLength(2);
  });
});
