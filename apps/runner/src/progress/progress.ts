/**
 * Progress of a sweep: on a terminal, a bar for the sweep (trials done / total, ETA) and one for
 * the current epoch (batches, loss, rate, ETA); elsewhere (CI logs, files) one plain line per
 * epoch and per trial; with --quiet, only the end of each trial.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { RunEvents } from '@ablate/pipeline';

const fmt = (v: number | undefined) => (v === undefined ? '-' : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4));

function rowText(row: Record<string, number>): string {
  return Object.entries(row)
    .filter(([k]) => k !== 'epoch' && k !== 'seconds')
    .map(([k, v]) => `${k} ${k === 'lr' ? v.toPrecision(3) : fmt(v)}`)
    .join(', ');
}

function trialLabel(trial: Parameters<NonNullable<RunEvents['onTrialStart']>>[0], total: number, position: number): string {
  return `trial ${position + 1}/${total} ${trial.id}${trial.variant !== undefined ? ` "${trial.variant}"` : ''}${trial.grid.map((g) => ` ${g.path}=${JSON.stringify(g.value)}`).join('')} seed ${trial.seed}`;
}

export function progressEvents(write: (text: string) => void, mode: 'bars' | 'lines' | 'quiet'): RunEvents & { stop(): void } {
  let label = '';
  const labels = new Map<string, string>();
  let epochs = 0;
  let trialsTotal = 0;
  let done = 0;
  let multibar: MultiBar | undefined;
  let sweepBar: SingleBar | undefined;
  let epochBar: SingleBar | undefined;
  const line = (text: string) => {
    if (multibar) multibar.log(`${text}\n`);
    else write(`${text}\n`);
  };
  return {
    onTrialStart(trial, position, total) {
      trialsTotal = total;
      label = trialLabel(trial, total, position);
      labels.set(trial.id, label);
      if (mode === 'bars' && !multibar) {
        multibar = new MultiBar({ clearOnComplete: false, hideCursor: true, format: '{label} |{bar}| {value}/{total} {unit} | {info} | ETA {eta_formatted}', etaBuffer: 50 }, Presets.shades_classic);
        sweepBar = multibar.create(total, 0, { label: 'sweep', unit: 'trials', info: '' });
      }
      if (mode !== 'quiet') line(`${label}: started`);
    },
    onLog(text) {
      if (mode !== 'quiet') line(`  ${text}`);
    },
    onEpochStart(epoch, total, batches) {
      epochs = total;
      if (multibar) {
        if (epochBar) multibar.remove(epochBar);
        epochBar = multibar.create(batches, 0, { label: `epoch ${epoch + 1}/${total}`, unit: 'batches', info: 'loss -' });
      }
    },
    onBatch({ batch, loss }) {
      epochBar?.update(batch, { info: `loss ${fmt(loss)}` });
    },
    onEpochEnd(row) {
      if (mode === 'lines') line(`  epoch ${row.epoch}/${epochs}: ${rowText(row)} (${row.seconds.toFixed(1)} s)`);
      else if (multibar) multibar.log(`  epoch ${row.epoch}/${epochs}: ${rowText(row)} (${row.seconds.toFixed(1)} s)\n`);
    },
    onTrialEnd(outcome) {
      done++;
      sweepBar?.update(done, { info: `${trialsTotal - done} to go` });
      const what = outcome.status === 'done' ? Object.entries(outcome.metrics ?? {}).filter(([k]) => ['oa', 'aa', 'kappa', 'mse'].includes(k)).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') : outcome.reason;
      line(`${labels.get(outcome.trial.id) ?? outcome.trial.id}: ${outcome.status} in ${outcome.seconds.toFixed(1)} s${what ? ` (${what})` : ''}`);
    },
    stop() {
      multibar?.stop();
    },
  };
}
