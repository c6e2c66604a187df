import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingHistory } from './live-history';

describe('recordingHistory', () => {
  it('rewrites the draft history.csv at every epoch end and still calls every handler of the caller', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-live-'));
    const seen: string[] = [];
    const events = recordingHistory({ onLog: (line) => seen.push(`log ${line}`), onEpochEnd: (row) => seen.push(`epoch ${row.epoch}`) }, { path: (name) => join(dir, name) });
    events.onEpochEnd?.({ epoch: 1, 'train.loss': 2.5, 'val.oa': 0.4 });
    expect(readFileSync(join(dir, 'history.csv'), 'utf8')).toBe('epoch,train.loss,val.oa\n1,2.5,0.4\n');
    events.onLog?.('hello');
    events.onEpochEnd?.({ epoch: 2, 'train.loss': 1.5, 'val.oa': 0.6 });
    expect(readFileSync(join(dir, 'history.csv'), 'utf8')).toBe('epoch,train.loss,val.oa\n1,2.5,0.4\n2,1.5,0.6\n');
    expect(seen).toEqual(['epoch 1', 'log hello', 'epoch 2']);
    expect(readdirSync(dir)).toEqual(['history.csv']);
  });

  it('works without handlers of the caller', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-live-'));
    const events = recordingHistory(undefined, { path: (name) => join(dir, name) });
    events.onEpochEnd?.({ epoch: 1, 'train.loss': 1 });
    expect(events.onBatch).toBeUndefined();
    expect(readFileSync(join(dir, 'history.csv'), 'utf8')).toBe('epoch,train.loss\n1,1\n');
  });
});
