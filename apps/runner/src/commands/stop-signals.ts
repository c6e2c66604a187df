/**
 * SIGTERM and SIGINT while trials run (exec, and its workers): the first asks the run to stop at
 * its next safe point — the end of the epoch each running trial is in, after writing its
 * checkpoint — and then to release the locks and exit with EXIT_STATUS (128 + the signal's
 * number, as a shell reports a process that a signal ended: 143 for SIGTERM, 130 for SIGINT). In
 * the exec process, a second Ctrl-C (SIGINT) exits at once (the trials go on from their last
 * checkpoint); more SIGTERMs change nothing, as a cluster sends one to every process of a job
 * while its script passes one on.
 */
import type { StopRequest } from '@ablate/pipeline';

export const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];
export const EXIT_STATUS: Record<StopSignal, number> = { SIGTERM: 143, SIGINT: 130 };

export interface StopSignals {
  requested: StopRequest;
  release(): void;
}

/** `onFirst` runs on the first signal (say what happens, forward it to workers); with `force`, a SIGINT after it exits at once. */
export function catchStopSignals(options: { onFirst?: (signal: StopSignal) => void; force?: boolean } = {}): StopSignals {
  let received: StopSignal | undefined;
  const handler = (signal: StopSignal) => {
    if (received === undefined) {
      received = signal;
      options.onFirst?.(signal);
    } else if (options.force && signal === 'SIGINT') {
      process.exit(EXIT_STATUS[signal]);
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return {
    requested: () => received,
    release: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, handler);
    },
  };
}
