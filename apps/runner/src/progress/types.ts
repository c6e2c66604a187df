import type { RunEvents } from '@ablate/pipeline';

/** A progress display: the sweep's events, and `stop` once the sweep has ended (or failed). */
export type Progress = RunEvents & { stop(): void };
