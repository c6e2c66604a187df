/**
 * Progress on a terminal: a bar for the sweep (trials finished, time left once a trial has
 * finished) and one per running trial (epoch and batch, examples per second, time left), with
 * the same lines as a pipe gets printed above them. cli-progress redraws on a timer, which never
 * fires while training holds the event loop (the CPU kernels are synchronous), and keeps logged
 * lines in a buffer until a redraw: so every event redraws (batches at most 5 times a second), and
 * `stop` redraws once more before stopping, or the last trial's lines would be lost. Bars are
 * redrawn even when unchanged (forceRedraw): printed lines move them down a line.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { duration } from './format';
import { lineProgress } from './lines';
import type { Progress } from './types';
import { SweepClock } from './sweep-clock';
import { TrialMeter } from './trial-meter';

export function barProgress(stream: NodeJS.WriteStream, options: { workers: number }): Progress {
  const multibar = new MultiBar(
    { stream, format: '{label} |{bar}| {text}', barsize: 20, hideCursor: true, clearOnComplete: false, stopOnComplete: false, autopadding: true, linewrap: false, fps: 5, forceRedraw: true },
    Presets.shades_classic,
  );
  const clock = new SweepClock(options.workers);
  const sweepBar = multibar.create(1, 0, { label: 'sweep', text: 'starting' });
  const sweepText = () => {
    const eta = clock.eta();
    const running = clock.active > 0 ? `, ${clock.active} running` : '';
    return `${clock.finished}/${clock.total} trials finished${running}${eta === undefined || clock.finished === clock.total ? '' : ` | ETA ${duration(eta)}`}`;
  };
  const refreshSweep = () => sweepBar.update(clock.finished, { text: sweepText() });
  let drawn = 0;
  const redraw = (always: boolean) => {
    const now = performance.now();
    if (!always && now - drawn < 200) return;
    drawn = now;
    multibar.update();
  };
  const lines = lineProgress(
    (text) => {
      multibar.log(text);
      redraw(true);
    },
    { ...options, quiet: false },
  );
  const bars = new Map<string, SingleBar>();
  return {
    onTrialStart(trial, index, total) {
      clock.start(trial.id, total);
      sweepBar.setTotal(total);
      refreshSweep();
      const meter = new TrialMeter(trial.config.training.batch_size);
      const bar = multibar.create(1, 0, { label: `trial ${index + 1}/${total} ${trial.id.slice(0, 8)}`, text: meter.text() });
      bars.set(trial.id, bar);
      const show = () => {
        bar.setTotal(meter.total);
        bar.update(meter.value, { text: meter.text() });
        refreshSweep();
        redraw(false);
      };
      const printed = lines.onTrialStart?.(trial, index, total) ?? {};
      return {
        ...printed,
        onEpochStart: (epoch, epochs, batches) => {
          printed.onEpochStart?.(epoch, epochs, batches);
          meter.epochStart(epoch, epochs, batches);
          show();
        },
        onBatch: (info) => {
          meter.batchDone(info.batch, info.loss);
          show();
        },
      };
    },
    onTrialEnd(outcome, index, total) {
      clock.end(outcome);
      const bar = bars.get(outcome.trial.id);
      if (bar) multibar.remove(bar);
      bars.delete(outcome.trial.id);
      lines.onTrialEnd?.(outcome, index, total);
      refreshSweep();
    },
    stop() {
      // Writes the lines still in the buffer (the last trial's epoch, test and end lines).
      multibar.update();
      multibar.stop();
    },
  };
}
