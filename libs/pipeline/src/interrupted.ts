/** A signal (SIGTERM, SIGINT) stopped the run at a safe point; what was running is in its checkpoint. */
export class RunInterrupted extends Error {
  constructor(
    readonly signal: NodeJS.Signals,
    /** The trial that was training, with the epochs its checkpoint holds; none when the signal came between trials. */
    readonly trial?: { id: string; epochs: number },
  ) {
    super(trial ? `interrupted by ${signal}: trial ${trial.id} saved a checkpoint after epoch ${trial.epochs}` : `interrupted by ${signal} between trials`);
  }
}

/** Where a run asks whether a signal asked it to stop. */
export type StopRequest = () => NodeJS.Signals | undefined;
