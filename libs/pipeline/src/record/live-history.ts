/**
 * A running trial's history so far: history.csv in its draft folder, rewritten at every epoch's
 * end (a temporary file renamed over it, so a reader — `ablate serve` — never sees half a file).
 * The trial's end writes the whole history over it before the draft is moved into place. After a
 * resume from a checkpoint it starts at the resumed epoch (the full history is written at the end).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { writing } from '@ablate/spec';
import type { TrialDraft } from '@ablate/sweep';
import type { HistoryRow } from '@ablate/training';
import type { TrialEvents } from '../events';
import { historyCsv } from './record-files';

/** `events` with every epoch's end also written to the draft's history.csv. */
export function recordingHistory(events: TrialEvents | undefined, draft: Pick<TrialDraft, 'path'>): TrialEvents {
  const rows: HistoryRow[] = [];
  const file = draft.path('history.csv');
  const onEpochEnd = (row: HistoryRow) => {
    rows.push(row);
    const tmp = `${file}.tmp`;
    writing(file, () => {
      try {
        writeFileSync(tmp, historyCsv(rows));
        renameSync(tmp, file);
      } finally {
        rmSync(tmp, { force: true });
      }
    });
    events?.onEpochEnd?.(row);
  };
  // The other handlers are the caller's own (the prototype), so none is lost.
  return Object.assign(Object.create(events ?? null) as TrialEvents, { onEpochEnd });
}
