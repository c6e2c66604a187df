import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrialStore } from './trial-store';
import { parseShard, shardOf } from '../shard';

describe('trial store', () => {
  it('makes a trial visible only when its draft is committed', () => {
    const store = new TrialStore(mkdtempSync(join(tmpdir(), 'ablate-store-')));
    const draft = store.begin('abc');
    draft.writeJson('metrics.json', { status: 'done' });
    expect(store.status('abc')).toBe('missing');
    draft.commit();
    expect(store.status('abc')).toBe('done');
    expect(store.trials()).toEqual(['abc']);
  });

  it('lets one process at a time hold a trial, and takes over the lock of a dead process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-lock-'));
    const store = new TrialStore(dir);
    expect(store.lock('t1')).toBe(true);
    expect(store.lock('t1')).toBe(false);
    store.unlock('t1');
    expect(store.lock('t1')).toBe(true);
    writeFileSync(join(dir, '.locks', 't2'), JSON.stringify({ host: hostname(), pid: 2 ** 22 + 12345 }));
    expect(store.lock('t2')).toBe(true);
    writeFileSync(join(dir, '.locks', 't3'), JSON.stringify({ host: 'another-node', pid: 1 }));
    expect(store.lock('t3')).toBe(false);
  });
});

describe('checkpoints in a draft', () => {
  it('keeps the last whole checkpoint across kills, never reads a half-written one, and leaves it out of the trial folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-ckpt-'));
    const store = new TrialStore(dir);
    const draft = store.begin('t1');
    draft.checkpoint.write({ 'state.json': '{"epochs":1}' });
    draft.checkpoint.write({ 'state.json': '{"epochs":2}' });
    draft.write('summary.txt', 'from the killed run');
    // Killed while writing the next one: its temporary folder is there, half-written.
    mkdirSync(join(draft.dir, 'checkpoint.tmp'));
    writeFileSync(join(draft.dir, 'checkpoint.tmp', 'state.json'), '{"epo');
    // The next run of the trial (a new process, a new store) clears the rest and reads epoch 2.
    const again = new TrialStore(dir).begin('t1');
    expect(readdirSync(again.dir)).toEqual(['checkpoint']);
    expect(String(again.checkpoint.read()?.['state.json'])).toBe('{"epochs":2}');
    // Killed between the two renames: only checkpoint.old is whole, and it is the one read.
    renameSync(join(again.dir, 'checkpoint'), join(again.dir, 'checkpoint.old'));
    expect(String(again.checkpoint.read()?.['state.json'])).toBe('{"epochs":2}');
    again.checkpoint.write({ 'state.json': '{"epochs":3}' });
    expect(readdirSync(again.dir)).toEqual(['checkpoint']);
    again.writeJson('metrics.json', { status: 'done' });
    again.commit();
    expect(readdirSync(join(dir, 't1'))).toEqual(['metrics.json']);
    expect(readdirSync(join(dir, '.partial'))).toEqual([]);
  });

  it('a lock left by an earlier run of the same Slurm job (requeued, on another node) is taken over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-slurm-lock-'));
    const store = new TrialStore(dir);
    const env = { ...process.env };
    Object.assign(process.env, { SLURM_ARRAY_JOB_ID: '41', SLURM_ARRAY_TASK_ID: '2' });
    try {
      writeFileSync(join(dir, '.locks', 't1'), JSON.stringify({ host: 'node-a', pid: 1, slurm: '41_2' }));
      writeFileSync(join(dir, '.locks', 't2'), JSON.stringify({ host: 'node-a', pid: 1, slurm: '41_3' }));
      expect(store.lock('t1')).toBe(true);
      expect(store.lock('t2')).toBe(false);
      expect(existsSync(join(dir, '.locks', 't1'))).toBe(true);
    } finally {
      process.env = env;
    }
  });
});

describe('shards', () => {
  it('split the trials into disjoint parts that cover them all', () => {
    const trials = Array.from({ length: 10 }, (_, index) => ({ index }));
    const parts = [0, 1, 2].map((i) => shardOf(trials, parseShard(`${i}/3`)).map((t) => t.index));
    expect(parts).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    expect(() => parseShard('3/3')).toThrow(/0 <= i < n/);
  });
});
