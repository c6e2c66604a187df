/** The progress displays fed a sweep's events by hand: what a pipe, a script and a terminal get. */
import { Writable } from 'node:stream';
import type { TrialOutcome } from '@ablate/pipeline';
import type { Trial } from '@ablate/sweep';
import { barProgress } from './bars';
import { jsonProgress } from './json-events';
import { lineProgress } from './lines';
import { SweepClock } from './sweep-clock';
import { TrialMeter } from './trial-meter';
import type { Progress } from './types';

const trial = (id: string, seed: number) => ({ id, index: seed, seed, grid: [{ path: 'optimizer.lr', value: 0.01 }], variant: 'w/ BN', config: { training: { epochs: 2, batch_size: 50 } } }) as unknown as Trial;
const A = trial('aaaaaaaaaaaa', 1);
const B = trial('bbbbbbbbbbbb', 2);

/** Two trials, one after the other: the second fails. */
function sweep(progress: Progress): void {
  for (const [i, t] of [A, B].entries()) {
    const events = progress.onTrialStart?.(t, i, 2) ?? {};
    events.onLog?.('data: 300 train, 100 validation, 200 test examples');
    for (let epoch = 0; epoch < 2; epoch++) {
      events.onEpochStart?.(epoch, 2, 6);
      for (let batch = 1; batch <= 6; batch++) events.onBatch?.({ epoch, batch, batches: 6, loss: 1 / batch, lr: 0.01 });
      events.onEpochEnd?.({ epoch: epoch + 1, lr: 0.01, 'train.loss': 0.5, 'val.oa': 0.8, seconds: 1.25 });
    }
    events.onLog?.(`test: oa 0.8${i}00`);
    const outcome: TrialOutcome = i === 0 ? { trial: t, status: 'done', metrics: { oa: 0.8, f1_macro: 0.7 }, seconds: 10 } : { trial: t, status: 'failed', reason: 'the loss became NaN at epoch 2', seconds: 4 };
    progress.onTrialEnd?.(outcome, i, 2);
  }
  progress.stop();
}

describe('progress', () => {
  it('prints plain lines in a pipe: every trial, epoch and end, with the sweep count', () => {
    let out = '';
    sweep(lineProgress((t) => (out += t), { workers: 1, quiet: false }));
    expect(out.split('\n')).toEqual([
      'trial 1/2 aaaaaaaaaaaa "w/ BN" optimizer.lr=0.01 seed 1: started',
      '  data: 300 train, 100 validation, 200 test examples',
      '  epoch 1/2: lr 0.0100, train.loss 0.5000, val.oa 0.8000 (1.3 s)',
      '  epoch 2/2: lr 0.0100, train.loss 0.5000, val.oa 0.8000 (1.3 s)',
      '  test: oa 0.8000',
      expect.stringMatching(/^trial 1\/2 aaaaaaaaaaaa "w\/ BN" optimizer\.lr=0\.01 seed 1: done in 10\.0 s \(oa 0\.8000\); sweep: 1\/2 finished, about \d+s left$/),
      'trial 2/2 bbbbbbbbbbbb "w/ BN" optimizer.lr=0.01 seed 2: started',
      '  data: 300 train, 100 validation, 200 test examples',
      '  epoch 1/2: lr 0.0100, train.loss 0.5000, val.oa 0.8000 (1.3 s)',
      '  epoch 2/2: lr 0.0100, train.loss 0.5000, val.oa 0.8000 (1.3 s)',
      '  test: oa 0.8100',
      'trial 2/2 bbbbbbbbbbbb "w/ BN" optimizer.lr=0.01 seed 2: failed in 4.0 s (the loss became NaN at epoch 2); sweep: 2/2 finished',
      '',
    ]);
  });

  it('prints only the ends of trials with --quiet, and tags lines with the trial with several workers', () => {
    let quiet = '';
    sweep(lineProgress((t) => (quiet += t), { workers: 1, quiet: true }));
    expect(quiet.trim().split('\n')).toHaveLength(2);
    let workers = '';
    sweep(lineProgress((t) => (workers += t), { workers: 2, quiet: false }));
    expect(workers).toContain('  [bbbbbbbbbbbb] epoch 2/2: lr 0.0100');
  });

  it('prints one JSON object per line with --json', () => {
    let out = '';
    sweep(jsonProgress((t) => (out += t)));
    const events = out.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => e.event)).toEqual(['trial_started', 'log', 'epoch', 'epoch', 'log', 'trial_finished', 'trial_started', 'log', 'epoch', 'epoch', 'log', 'trial_failed']);
    expect(events[0]).toEqual({ event: 'trial_started', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), id: A.id, variant: 'w/ BN', grid: { 'optimizer.lr': 0.01 }, seed: 1, position: 1, total: 2 });
    expect(events[3]).toMatchObject({ event: 'epoch', id: A.id, epoch: 2, epochs: 2, 'train.loss': 0.5, seconds: 1.25 });
    expect(events[5]).toMatchObject({ event: 'trial_finished', id: A.id, seconds: 10, metrics: { oa: 0.8, f1_macro: 0.7 } });
    expect(events[11]).toMatchObject({ event: 'trial_failed', id: B.id, reason: 'the loss became NaN at epoch 2' });
  });

  it('shows every line of the last trial on a terminal, though the event loop never ran a redraw timer', () => {
    let screen = '';
    const tty = Object.assign(new Writable({ write: (chunk, _enc, done) => ((screen += String(chunk)), done()) }), { isTTY: true, columns: 200, rows: 40 });
    sweep(barProgress(tty as unknown as NodeJS.WriteStream, { workers: 1 }));
    const ESC = String.fromCharCode(27);
    const text = screen.replace(new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}[78]`, 'g'), '');
    // Log lines go above the bars, after cursor moves (stripped here): each ends its own line.
    expect(text.split('  epoch 2/2: lr 0.0100, train.loss 0.5000, val.oa 0.8000 (1.3 s)\n')).toHaveLength(3);
    expect(text).toContain('  test: oa 0.8100\n');
    expect(text).toContain('seed 2: failed in 4.0 s (the loss became NaN at epoch 2); sweep: 2/2 finished\n');
    expect(text).toMatch(/trial 2\/2 bbbbbbbb \|[█░]+\| epoch 2\/2 batch 6\/6/);
    expect(text).toMatch(/sweep \|█+\| 2\/2 trials finished/);
  });
});

describe('the time left', () => {
  it('is unknown until a trial has finished, then counts the waiting and running trials over the workers', () => {
    let now = 0;
    const clock = new SweepClock(2, () => now);
    clock.start(A.id, 6);
    clock.start('b', 6);
    now = 100;
    expect(clock.eta()).toBeUndefined();
    clock.end({ trial: A, status: 'done', seconds: 100 } as TrialOutcome);
    clock.start('c', 6);
    now = 110;
    // b has ~0 s left (it ran 110 s, mean 100), c 90 s, 3 waiting: (0 + 90 + 300) / 2 workers.
    expect(clock.eta()).toBeCloseTo(195);
  });

  it('does not count a failed trial as a sample of how long a trial takes', () => {
    const clock = new SweepClock(1, () => 0);
    clock.start(A.id, 3);
    clock.end({ trial: A, status: 'failed', seconds: 1 } as TrialOutcome);
    expect(clock.eta()).toBeUndefined();
  });

  it("of a trial comes from its batches' pace: examples per second and time left", () => {
    let now = 0;
    const meter = new TrialMeter(50, () => now);
    expect(meter.text()).toBe('preparing data and model');
    meter.epochStart(0, 2, 10);
    now = 2;
    meter.batchDone(5, 0.25);
    // 5 batches of 50 in 2 s: 125 examples/s; 15 batches left at 0.4 s.
    expect(meter.text()).toBe('epoch 1/2 batch 5/10 | 125 ex/s | loss 0.2500 | ETA 6s');
  });
});
