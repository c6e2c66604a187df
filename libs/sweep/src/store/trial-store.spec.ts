import { mkdtempSync, writeFileSync } from 'node:fs';
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

describe('shards', () => {
  it('split the trials into disjoint parts that cover them all', () => {
    const trials = Array.from({ length: 10 }, (_, index) => ({ index }));
    const parts = [0, 1, 2].map((i) => shardOf(trials, parseShard(`${i}/3`)).map((t) => t.index));
    expect(parts).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    expect(() => parseShard('3/3')).toThrow(/0 <= i < n/);
  });
});
