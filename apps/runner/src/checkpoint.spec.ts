/**
 * Checkpoints, as a user meets them: a trial killed with SIGKILL after its checkpoints of epoch 1
 * and then of epoch 3 (the ABLATE_FAILPOINT train:checkpoint:<n> points) resumes each time from
 * its last checkpoint, and the finished trial is byte-identical (metrics.json, the model's files,
 * history.csv but its timing column) to one never interrupted. SIGTERM and SIGINT stop a trial at
 * its epoch's end with a checkpoint (even with checkpoint_every at its default), release its lock
 * and exit 143 / 130; the same command resumes. The configuration exercises every part of the
 * state: Adam's moments and step count, a plateau schedule that has lowered the rate, early
 * stopping with restore_best (its best weights), and dropout's random stream.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = 'apps/runner/fixtures/tiny/fmnist-tiny.yaml';
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');
const STATE = ['schedule={type: plateau, patience: 0, factor: 0.5, monitor: train.loss}', 'training.restore_best=true', 'training.early_stopping={patience: 5}'];
const KILLED = [...STATE, 'training.epochs=4', 'training.checkpoint_every=1'];
// Signals: 8 epochs, so that the trial is still training when the signal arrives; the default checkpoint_every (5min) writes none before it.
const SIGNALLED = [...STATE, 'training.epochs=8'];

function run(results: string, set: readonly string[], env: Record<string, string> = {}, extra: string[] = []) {
  const args = ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', FIXTURE, '--no-report', '--set', `results_dir=${results}`, ...set.flatMap((s) => ['--set', s]), ...extra];
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

const experimentDir = (results: string) => join(results, 'fmnist-tiny');
const trialOf = (results: string) => readdirSync(experimentDir(results)).filter((n) => /^[0-9a-f]{12}$/.test(n));
const checkpointState = (results: string, id: string) => JSON.parse(readFileSync(join(experimentDir(results), '.partial', id, 'checkpoint', 'state.json'), 'utf8')) as { epochs: number };

/** The files that must not differ from an uninterrupted run (history.csv without its seconds column). */
function record(results: string): Record<string, string> {
  const [id] = trialOf(results);
  const dir = join(experimentDir(results), id);
  const history = readFileSync(join(dir, 'history.csv'), 'utf8').split('\n').map((line) => line.split(',').slice(0, -1).join(','));
  expect(readFileSync(join(dir, 'history.csv'), 'utf8').split('\n')[0]).toMatch(/,seconds$/);
  return {
    id,
    metrics: readFileSync(join(dir, 'metrics.json'), 'utf8'),
    weights: createHash('sha256').update(readFileSync(join(dir, 'model', 'weights.bin'))).digest('hex'),
    model: readFileSync(join(dir, 'model', 'model.json'), 'utf8'),
    history: history.join('\n'),
  };
}

/** Whether the process is stopped (SIGSTOP): state T in /proc/<pid>/stat. */
const isStopped = (pid: number) => {
  try {
    return / T /.test(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)/, ''));
  } catch {
    return false;
  }
};

/**
 * Starts exec, which stops itself (SIGSTOP) at the end of its first epoch (failpoint
 * train:epoch@stop); once it is stopped, sends it `signal` and lets it go on (SIGCONT). Resolves
 * with its exit status and output. Waiting for the stop, not for a line of output, keeps a fast
 * machine from finishing all 8 epochs before the signal arrives (then no handler is left and the
 * signal's default action ends the process: exit status null).
 */
async function signalled(results: string, signal: NodeJS.Signals, extra: string[] = []) {
  const args = ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', FIXTURE, '--no-report', '--set', `results_dir=${results}`, ...SIGNALLED.flatMap((s) => ['--set', s]), ...extra];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ABLATE_FAILPOINT: 'train:epoch@stop' } });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => (err += String(chunk)));
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  while (child.exitCode === null && child.signalCode === null && !isStopped(child.pid as number)) await new Promise((r) => setTimeout(r, 10));
  child.kill(signal);
  child.kill('SIGCONT');
  return { status: await exited, out, err };
}

jest.setTimeout(240_000);

(hasFashionMnist ? describe : describe.skip)(`checkpoints${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  it('a trial killed after epoch 1 and again after epoch 3 resumes each time and ends byte-identical to an uninterrupted one', () => {
    const whole = mkdtempSync(join(tmpdir(), 'ablate-ckpt-whole-'));
    expect(run(whole, KILLED).status).toBe(0);
    const reference = record(whole);
    expect(JSON.parse(reference.metrics)).toMatchObject({ epochs: 4 });
    // The checkpoint folder never reaches the trial folder.
    expect(readdirSync(join(experimentDir(whole), reference.id)).filter((n) => n.startsWith('checkpoint'))).toEqual([]);

    const results = mkdtempSync(join(tmpdir(), 'ablate-ckpt-killed-'));
    const first = run(results, KILLED, { ABLATE_FAILPOINT: 'train:checkpoint:1' });
    expect(first.signal).toBe('SIGKILL');
    expect(trialOf(results)).toEqual([]);
    expect(checkpointState(results, reference.id).epochs).toBe(1);
    const second = run(results, KILLED, { ABLATE_FAILPOINT: 'train:checkpoint:3' });
    expect(second.signal).toBe('SIGKILL');
    expect(second.stdout).toMatch(/^ {2}resumed from the checkpoint after epoch 1$/m);
    expect(second.stdout).not.toMatch(/epoch 1\/4/);
    expect(checkpointState(results, reference.id).epochs).toBe(3);
    const last = run(results, KILLED);
    expect([last.status, last.stderr]).toEqual([0, '']);
    expect(last.stdout).toMatch(/^ {2}resumed from the checkpoint after epoch 3$/m);
    expect(last.stdout.match(/epoch \d\/4:/g)).toEqual(['epoch 4/4:']);
    expect(record(results)).toEqual(reference);
    expect(readdirSync(join(experimentDir(results), '.partial'))).toEqual([]);
    // The log says where the trial came back.
    expect(readFileSync(join(experimentDir(results), reference.id, 'log.txt'), 'utf8')).toMatch(/resumed from the checkpoint after epoch 3/);
  });

  it('a damaged checkpoint is ignored, with the reason, and the trial starts again (one from another config or commit: checkpoint-files.spec.ts)', () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-ckpt-damaged-'));
    expect(run(results, KILLED, { ABLATE_FAILPOINT: 'train:checkpoint:3' }).signal).toBe('SIGKILL');
    const [id] = readdirSync(join(experimentDir(results), '.partial'));
    const bin = join(experimentDir(results), '.partial', id, 'checkpoint', 'tensors.bin');
    spawnSync('truncate', ['-s', '1000', bin]);
    const again = run(results, KILLED);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/checkpoint ignored \(its tensors\.bin is damaged \(its SHA-256 is not the one recorded\)\): training starts from epoch 1/);
    expect(again.stdout).toMatch(/epoch 1\/4:/);
  });

  it('SIGTERM: a checkpoint at the epoch end, the lock released, exit 143; the same command resumes to the same bytes', async () => {
    const whole = mkdtempSync(join(tmpdir(), 'ablate-term-whole-'));
    expect(run(whole, SIGNALLED).status).toBe(0);
    const reference = record(whole);
    const results = mkdtempSync(join(tmpdir(), 'ablate-term-'));
    const stopped = await signalled(results, 'SIGTERM');
    expect(stopped.status).toBe(143);
    expect(stopped.err).toMatch(/^SIGTERM: stopping at the end of the running epoch, after its checkpoint/m);
    const epochs = Number(/interrupted by SIGTERM: trial [0-9a-f]{12} has its checkpoint after epoch (\d); finished trials are kept\. Run the same command to resume\./.exec(stopped.out)?.[1]);
    expect(epochs).toBeGreaterThanOrEqual(1);
    expect(epochs).toBeLessThan(8);
    expect(checkpointState(results, reference.id).epochs).toBe(epochs);
    expect(readdirSync(join(experimentDir(results), '.locks'))).toEqual([]);
    expect(trialOf(results)).toEqual([]);
    const again = run(results, SIGNALLED);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`resumed from the checkpoint after epoch ${epochs}\n`);
    expect(record(results)).toEqual(reference);
  });

  it('SIGINT with --json: an interrupted event, exit 130, and a rerun that resumes', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-int-'));
    const stopped = await signalled(results, 'SIGINT', ['--json']);
    expect(stopped.status).toBe(130);
    const events = stopped.out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const interrupted = events.find((e) => e.event === 'interrupted');
    expect(interrupted).toMatchObject({ signal: 'SIGINT', exit: 130 });
    const again = run(results, SIGNALLED, {}, ['--json']);
    expect(again.status).toBe(0);
    const log = again.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).find((e) => e.event === 'log' && String(e.line).startsWith('resumed'));
    expect(log).toMatchObject({ id: interrupted?.id, line: `resumed from the checkpoint after epoch ${interrupted?.epochs}` });
  });
});
