/**
 * Hyperparameter search as a user meets it: a tiny TPE + ASHA study on real
 * Fashion-MNIST (apps/runner/fixtures/tiny/fmnist-search.yaml, 6 configurations) proposes the same
 * configurations in two runs; killed with SIGKILL at random moments several times and resumed, it
 * ends with exactly its budget, the same proposals and byte-identical trial results; pruned trials
 * are recorded as pruned (not failed, exit 0, a trial_pruned event); an `hours:` budget stops the
 * proposals and counts the earlier runs' time; two workers, and two shards, run the budget once
 * each; the confirmation runs and the report's best.yaml; the report of a search from its
 * results.csv and in a comparison; validate --list shows the space and budget.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli/run-cli';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = 'apps/runner/fixtures/tiny/fmnist-search.yaml';
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');

const args = (results: string, extra: readonly string[]) => ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, ...extra];
const run = (results: string, extra: readonly string[] = ['--no-report']) => spawnSync(process.execPath, args(results, extra), { cwd: ROOT, encoding: 'utf8' });

const study = (results: string) => join(results, 'fmnist-search');
const trialFolders = (results: string) => readdirSync(study(results)).filter((n) => /^[0-9a-f]{12}$/.test(n)).sort();
const proposals = (results: string) =>
  readdirSync(join(study(results), 'search', 'proposals'))
    .filter((n) => n.endsWith('.json'))
    .map((n) => JSON.parse(readFileSync(join(study(results), 'search', 'proposals', n), 'utf8')) as { index: number; params: Record<string, unknown>; trials: string[] })
    .sort((a, b) => a.index - b.index);
const metrics = (results: string) => Object.fromEntries(trialFolders(results).map((id) => [id, readFileSync(join(study(results), id, 'metrics.json'), 'utf8')]));

/** A small seeded generator, so that the kill moments are random but the test is repeatable. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** Starts exec and kills it with SIGKILL `delay` ms after its `starts`-th trial started. */
async function killedRun(results: string, starts: number, delay: number): Promise<string> {
  const child = spawn(process.execPath, args(results, ['--no-report']), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let armed = false;
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
    if (!armed && (out.match(/: started\n/g) ?? []).length >= starts) {
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), delay);
    }
  });
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return out;
}

jest.setTimeout(600_000);

(hasFashionMnist ? describe : describe.skip)(`hyperparameter search${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  const reference = mkdtempSync(join(tmpdir(), 'ablate-search-ref-'));
  let first: ReturnType<typeof run>;
  beforeAll(() => {
    first = run(reference);
  });

  it('runs its budget, prunes some trials (recorded as pruned, not failed, exit 0), and proposes the same configurations in a second run', () => {
    expect([first.status, first.stderr]).toEqual([0, '']);
    const made = proposals(reference);
    expect(made.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const pruned = trialFolders(reference).map((id) => JSON.parse(metrics(reference)[id]) as { status: string; pruned?: { epoch: number; rule: string }; epochs: number });
    expect(pruned.filter((m) => m.status === 'pruned').length).toBeGreaterThan(0);
    for (const m of pruned.filter((x) => x.status === 'pruned')) {
      expect(m.pruned?.rule).toMatch(/^asha: /);
      expect(m.epochs).toBe(m.pruned?.epoch);
      expect(m.epochs).toBeLessThan(4);
    }
    expect(pruned.every((m) => m.status !== 'failed')).toBe(true);
    expect(first.stdout).toMatch(/: pruned in [\d.]+ s \(after epoch \d: asha: /);
    expect(first.stdout).toMatch(/^search: 6 of 6 configurations \(\d complete, \d pruned, 0 failed\); best: proposal \d, val\.oa 0\.\d+$/m);

    const again = mkdtempSync(join(tmpdir(), 'ablate-search-again-'));
    const second = run(again, ['--json', '--set', 'search.confirm={top: 2, seeds: 2}']);
    expect(second.status).toBe(0);
    expect(proposals(again)).toEqual(made);
    const events = second.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const prunedEvents = events.filter((e) => e.event === 'trial_pruned');
    expect(prunedEvents.length).toBe(pruned.filter((m) => m.status === 'pruned').length);
    expect(prunedEvents[0]).toMatchObject({ epoch: expect.any(Number), rule: expect.stringMatching(/^asha: /), proposal: expect.any(Number) });
    expect(events.find((e) => e.event === 'sweep_finished')).toMatchObject({ pruned: prunedEvents.length, failed: 0 });
    // The confirmation: the 2 best complete configurations over 2 new seeds (4 and 5), as ordinary trials, tabled.
    const confirm = JSON.parse(readFileSync(join(study(again), 'search', 'confirm.json'), 'utf8')) as { proposals: number[]; seeds: number[]; trials: Record<string, string[]> };
    expect(confirm.seeds).toEqual([4, 5]);
    expect(confirm.proposals).toHaveLength(2);
    for (const ids of Object.values(confirm.trials)) for (const id of ids) expect(JSON.parse(readFileSync(join(study(again), id, 'metrics.json'), 'utf8'))).toMatchObject({ status: 'done' });
    const table = readFileSync(join(study(again), 'table.md'), 'utf8');
    expect(table).toMatch(/^\| Configuration \| OA \(%\) \|/m);
    expect(table).toMatch(new RegExp(`^\\| proposal ${confirm.proposals[0]} \\| \\**[\\d.]+ ± [\\d.]+\\** `, 'm'));
    expect(readFileSync(join(study(again), 'best.yaml'), 'utf8')).toMatch(/^variants:\n {2}"best \(trial \d\)":\n {4}optimizer\.lr: /m);
    expect(readdirSync(join(study(again), 'plots'))).toEqual(expect.arrayContaining(['optimisation_history.svg', 'search_slices.svg']));
    expect(readFileSync(join(study(again), 'results.csv'), 'utf8')).toMatch(/,pruned,/);
  });

  it('killed with SIGKILL at random moments several times, then resumed: exactly the budget, the same proposals, the same results', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-search-killed-'));
    const random = lcg(16);
    const kills: string[] = [];
    for (let k = 0; k < 4; k++) {
      const starts = 1 + Math.floor(random() * 2);
      const delay = Math.floor(random() * 1500);
      const out = await killedRun(results, starts, delay);
      kills.push(`${starts}:${delay}:${(out.match(/: (done|pruned) in/g) ?? []).length}`);
    }
    const last = run(results);
    expect([last.status, last.stderr, kills]).toEqual([0, '', kills]);
    expect(last.stdout).toMatch(/^search: 6 of 6 configurations/m);
    expect(proposals(results)).toEqual(proposals(reference));
    expect(trialFolders(results)).toEqual(trialFolders(reference));
    expect(metrics(results)).toEqual(metrics(reference));
    expect(readdirSync(join(study(results), '.partial'))).toEqual([]);
  });

  it('an hours budget stops the proposals, and a rerun counts the earlier time', () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-search-hours-'));
    const hours = ['--no-report', '--set', 'search.trials=null', '--set', 'search.hours=0.0001'];
    expect(run(results, hours).status).toBe(0);
    expect(proposals(results)).toHaveLength(1);
    const clock = JSON.parse(readFileSync(join(study(results), 'search', 'clock.json'), 'utf8')) as { seconds: number };
    expect(clock.seconds).toBeGreaterThan(0.36);
    const again = run(results, hours);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/0 trial\(s\) done/);
    expect(proposals(results)).toHaveLength(1);
  });

  it('two workers run the budget, each configuration once', () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-search-workers-'));
    const out = run(results, ['--no-report', '--workers', '2', '--threads', '1']);
    expect([out.status, out.stderr]).toEqual([0, '']);
    const made = proposals(results);
    expect(made.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const started = [...out.stdout.matchAll(/trial \d+\/\d+ ([0-9a-f]{12}) .*: started/g)].map((m) => m[1]);
    expect(new Set(started).size).toBe(started.length);
    expect(trialFolders(results)).toEqual([...new Set(made.flatMap((p) => p.trials))].sort());
    expect(existsSync(join(study(results), '.locks', 'search'))).toBe(false);
  });

  it('two shards (two processes, as Slurm array tasks) share the study: the budget once; its report counts the pruned trials, and the report from its results.csv and a comparison show its best configurations', async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-search-shards-'));
    const shard = (i: number) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, args(results, ['--no-report', '--threads', '1', '--shard', `${i}/2`]), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (c) => (out += String(c)));
        child.stderr.on('data', (c) => (err += String(c)));
        child.on('exit', (code) => resolve({ code, out, err }));
      });
    const both = await Promise.all([shard(0), shard(1)]);
    expect(both.map((s) => [s.code, s.err])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    const made = proposals(results);
    expect(made.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const started = both.flatMap((s) => [...s.out.matchAll(/trial \d+\/\d+ ([0-9a-f]{12}) .*: started/g)].map((m) => m[1]));
    expect(new Set(started).size).toBe(started.length);
    expect(trialFolders(results)).toEqual([...new Set(made.flatMap((p) => p.trials))].sort());

    const report = (extra: readonly string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', 'report', '--experiment', FIXTURE, '--set', `results_dir=${results}`, ...extra], { cwd: ROOT, encoding: 'utf8' });
    const own = report([]);
    expect([own.status, own.stderr]).toEqual([0, '']);
    const statuses = trialFolders(results).map((id) => (JSON.parse(metrics(results)[id]) as { status: string }).status);
    const pruned = statuses.filter((s) => s === 'pruned').length;
    expect(own.stdout).toMatch(new RegExp(`^report: ${statuses.length - pruned} finished trial\\(s\\)${pruned ? `, ${pruned} pruned` : ''};`, 'm'));
    expect(readFileSync(join(study(results), 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + statuses.length);
    // The page's header counts the pruned trials (report.html embeds its data).
    expect(readFileSync(join(study(results), 'report.html'), 'utf8')).toContain(`"counts":{"done":${statuses.length - pruned},"failed":0,"pruned":${pruned},`);
    const configurations = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => /^\| (.*, )?proposal \d+ \|/.test(l));
    const best = configurations(join(study(results), 'table.md'));
    expect(best.length).toBeGreaterThan(0);

    // The same table from the results.csv alone (e.g. on another machine).
    const elsewhere = mkdtempSync(join(tmpdir(), 'ablate-search-csv-'));
    const fromCsv = report(['--from-csv', join(study(results), 'results.csv'), '--out', elsewhere]);
    expect([fromCsv.status, fromCsv.stderr]).toEqual([0, '']);
    expect(configurations(join(elsewhere, 'table.md'))).toEqual(best);

    // A comparison with another experiment: the search is its best configurations, each named.
    const compared = mkdtempSync(join(tmpdir(), 'ablate-search-compare-'));
    const comparison = report(['--experiment', 'apps/runner/fixtures/tiny/fmnist-tiny.yaml', '--out', compared]);
    expect([comparison.status, comparison.stderr]).toEqual([0, '']);
    const rows = configurations(join(compared, 'table.md'));
    expect(rows.map((l) => l.split(' | ')[0].replace(/^\| .*, (proposal \d+)$/, '$1'))).toEqual(best.map((l) => l.split(' | ')[0].slice(2)));
  });
});

describe('validate --list of a search', () => {
  it('shows the space, the sampler, the pruner and the budget, and the first proposal', async () => {
    let out = '';
    const code = await runCli(['validate', '--experiment', FIXTURE, '--list'], { out: (t) => (out += t), err: () => undefined });
    expect(code).toBe(0);
    expect(out).toContain('valid: a search of up to 6 configurations x 1 seed, tpe sampler, asha pruner, maximizing val.oa.');
    expect(out).toMatch(/^optimizer\.lr +log_uniform +0\.0001 \.\. 0\.3 +-$/m);
    expect(out).toMatch(/^training\.batch_size +choice +25, 50, 100 +-$/m);
    expect(out).toMatch(/^sampler +tpe \(startup_trials 3, ei_candidates 24, gamma 0\.1, prior_weight 1\)$/m);
    expect(out).toMatch(/^pruner +asha \(min_epochs 1, reduction_factor 2\)$/m);
    expect(out).toMatch(/^budget +6 configurations$/m);
    expect(out).toMatch(/the first proposal \(the others depend on the results\):\n# {2}id /);
  });
});
