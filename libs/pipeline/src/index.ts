export { runTrial, type TrialContext } from './run-trial';
export { runExperiment, pendingTrials, type RunOptions, type Rerun } from './run-experiment';
export type { RunEvents, TrialEvents, TrialOutcome } from './events';
export { environment, gitState } from './record/environment';
export { runWithWorkers, serveTrials, type WorkerOptions, type ToWorker, type FromWorker } from './workers';
export { runLocked } from './run-experiment';
export { RunInterrupted, type StopRequest } from './interrupted';
