/**
 * Fault injection, as a user meets faults: a results folder on a full disk and on a read-only file
 * system (a size-limited or read-only tmpfs, mounted in a private mount namespace with `unshare`,
 * which works as root and as a user), SIGKILL at each phase of a trial and of the report (the
 * ABLATE_FAILPOINT points), two `exec` of one experiment at once, and truncated data. Each case
 * asserts the message, the exit status, and that every finished result is intact. Skips, saying
 * why, where `unshare` cannot mount; CI sets ABLATE_REQUIRE_FAULTS=1 so that it fails instead.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml');
const FMNIST = '/usr/share/datasets/fashion-mnist';
const hasFashionMnist = existsSync(FMNIST);
if (process.env.ABLATE_REQUIRE_FAULTS && !hasFashionMnist) throw new Error('ABLATE_REQUIRE_FAULTS is set but Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)');

const CLI = ['--import', 'tsx', join(ROOT, 'apps', 'runner', 'src', 'main.ts')];
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const cli = (args: string[]) => [process.execPath, ...CLI, ...args].map(quote).join(' ');

/** Whether this machine lets us mount a tmpfs in a private namespace. */
function canMount(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-mount-'));
  const run = spawnSync('unshare', ['-Urm', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${quote(dir)}`], { encoding: 'utf8' });
  if (run.error) return `unshare is not available (${run.error.message})`;
  return run.status === 0 ? undefined : `unshare cannot mount a tmpfs here: ${run.stderr.trim()}`;
}
const mountProblem = canMount();
if (process.env.ABLATE_REQUIRE_FAULTS && mountProblem) throw new Error(`ABLATE_REQUIRE_FAULTS is set but ${mountProblem}`);

/** Runs a shell script in a private mount namespace where `dir` is a fresh tmpfs of `size`. */
function inTmpfs(dir: string, size: string, script: string): SpawnSyncReturns<string> {
  return spawnSync('unshare', ['-Urm', 'sh', '-c', `mount -t tmpfs -o size=${size} tmpfs ${quote(dir)} && cd ${quote(ROOT)} && ${script}`], { encoding: 'utf8', timeout: 240_000 });
}

const exec = (results: string, set: string[] = []) => cli(['exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, ...set.flatMap((s) => ['--set', s])]);
const trialFolders = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => /^[0-9a-f]{12}$/.test(n)) : []);
/** One paragraph: `error: ...` lines only, no stack trace, no internal error. */
function expectOneParagraph(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/internal error|\n\s+at |Error: /);
}

const skip = !hasFashionMnist ? 'Fashion-MNIST is not installed' : mountProblem;
// Each case runs the CLI two or three times (a few seconds each, more on a loaded machine).
jest.setTimeout(300_000);

(skip ? describe.skip : describe)(`faults${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('a disk that fills up mid-sweep: one paragraph, exit 1, the finished trial intact, no half trial', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-full-'));
    const results = join(dir, 'results');
    // First trial on free space; then a filler leaves about 16 KiB, less than the second trial's model.
    const run = inTmpfs(dir, '2m', `${exec(results, ['repeats=1'])} > ${dir}/first.out 2>&1; echo "first=$?" ; head -c $(( $(df --output=avail -B1 ${quote(dir)} | tail -1) - 16384 )) /dev/zero > ${dir}/filler 2>/dev/null; ${exec(results, ['repeats=2'])}; echo "second=$?"; ls ${results}/fmnist-tiny; ls -A ${results}/fmnist-tiny/.partial; cat ${results}/fmnist-tiny/*/metrics.json | head -c 300`);
    expect(run.stdout).toMatch(/first=0/);
    expect(run.stdout).toMatch(/second=1/);
    expectOneParagraph(run.stderr, /^error: the disk is full: could not write .+fmnist-tiny\/[0-9a-f]{12}\/.+\. Free some space and run the same command again\. Finished trials are kept and will not run again\.\n$/);
    // One trial folder (the first), an empty .partial, and its metrics still readable.
    expect(run.stdout.match(/^[0-9a-f]{12}$/gm)).toHaveLength(1);
    expect(run.stdout).toMatch(/"status": "done"/);
  });

  it('a read-only results folder: one paragraph naming it, exit 1, for exec and for report, finished results intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-ro-'));
    const results = join(dir, 'results');
    const report = cli(['report', '--experiment', FIXTURE, '--set', `results_dir=${results}`]);
    const run = inTmpfs(dir, '8m', `${exec(results, ['repeats=1'])} > /dev/null 2>&1; echo "first=$?"; mount -o remount,ro ${quote(dir)} && ${exec(results, ['repeats=2'])}; echo "second=$?"; ${report}; echo "report=$?"; ls ${results}/fmnist-tiny`);
    expect(run.stdout).toMatch(/first=0/);
    expect(run.stdout).toMatch(/second=1/);
    expect(run.stdout).toMatch(/report=1/);
    const paragraphs = run.stderr.split('\n').filter(Boolean);
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toMatch(/^error: cannot write .+fmnist-tiny\/.+: the file system is read-only\. Choose a writable results_dir \(--set results_dir=<folder>\)\. Finished trials are kept/);
    expect(paragraphs[1]).toMatch(/^error: cannot write .+fmnist-tiny\/results\.csv: the file system is read-only\./);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.stdout.match(/^[0-9a-f]{12}$/gm)).toHaveLength(1);
  });

  it.each(['trial:data', 'train:epoch', 'trial:trained', 'trial:evaluated', 'trial:writing', 'trial:commit', 'report:write'])('SIGKILL at %s: nothing half-written is taken for a result, and a rerun completes the sweep', (point) => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-kill-'));
    const dir = join(results, 'fmnist-tiny');
    const args = [...CLI, 'exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'repeats=2'];
    // The first trial finishes; the second is killed at the point.
    const first = spawnSync(process.execPath, [...CLI, 'exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'repeats=1'], { cwd: ROOT, encoding: 'utf8' });
    expect(first.status).toBe(0);
    const before = readFileSync(join(dir, trialFolders(dir)[0], 'model', 'weights.bin'));
    const killed = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ABLATE_FAILPOINT: point } });
    expect(killed.signal).toBe('SIGKILL');
    // A killed trial leaves no trial folder; a kill in the report leaves every trial (and each report file whole).
    expect(trialFolders(dir)).toHaveLength(point === 'report:write' ? 2 : 1);
    const again = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    expect([again.status, again.stderr]).toEqual([0, '']);
    expect(again.stdout).toMatch(point === 'report:write' ? /0 trial\(s\) done, 0 failed, 2 already done/ : /1 trial\(s\) done, 0 failed, 1 already done/);
    expect(trialFolders(dir)).toHaveLength(2);
    expect(readdirSync(join(dir, '.partial'))).toEqual([]);
    expect(readFileSync(join(dir, trialFolders(dir).find((id) => readFileSync(join(dir, id, 'model', 'weights.bin')).equals(before)) ?? '', 'model', 'weights.bin'))).toEqual(before);
    expect(readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('two exec of one experiment at once: each trial runs once, and the first to finish says the other is still running one', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-twice-'));
    // A long trial (400 epochs, tens of seconds) and a short one (1 epoch): the second process takes the short one while the first runs the long one.
    const args = [...CLI, 'exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'repeats=1', '--set', 'grid={training.epochs: [400, 1]}'];
    const a = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let outA = '';
    await new Promise<void>((resolve) => a.stdout.on('data', (chunk) => ((outA += String(chunk)), /epoch 1\/400/.test(outA) && resolve())));
    const b = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    await new Promise<void>((resolve) => a.on('exit', () => resolve()));
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/1 trial\(s\) done, 0 failed, 0 already done \(skipped\), 1 left to another process running them\./);
    expect(b.stdout).toMatch(new RegExp(`report: 1 finished trial\\(s\\), 1 not run yet \\(1 of them running now in pid ${a.pid} on [^:]+: its report will include them, or run runner:report when it ends\\)`));
    expect(outA).toMatch(/report: 2 finished trial\(s\);/);
    expect(outA.match(/: started/g)).toHaveLength(1);
    expect(outA).toMatch(/trial 2\/2 [0-9a-f]{12} .*: not run here, finished meanwhile by another process/);
  });

  it('a truncated data file: one paragraph naming the file, exit 1, no trial folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-truncated-'));
    mkdirSync(join(dir, 'data'));
    for (const f of readdirSync(FMNIST)) copyFileSync(join(FMNIST, f), join(dir, 'data', f));
    const images = join(dir, 'data', 'train-images-idx3-ubyte.gz');
    writeFileSync(images, readFileSync(images).subarray(0, 100_000));
    const experiment = join(dir, 'tiny.yaml');
    writeFileSync(experiment, readFileSync(FIXTURE, 'utf8').replace('dataset: { type: fashion_mnist }', 'dataset: { type: fashion_mnist, dir: ./data }'));
    const run = spawnSync(process.execPath, [...CLI, 'exec', '--experiment', experiment, '--set', `results_dir=${join(dir, 'results')}`], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expectOneParagraph(run.stderr, /^error: .*train-images-idx3-ubyte\.gz.*\n$/);
    expect(trialFolders(join(dir, 'results', 'tiny'))).toEqual([]);
  });
});
