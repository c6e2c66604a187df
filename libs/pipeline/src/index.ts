export { runTrial, type TrialContext } from './run-trial';
export { runExperiment, pendingTrials, type RunOptions, type Rerun } from './run-experiment';
export type { RunEvents, TrialEvents, TrialOutcome } from './events';
export { environment, gitState } from './record/environment';
export { runWithWorkers, runSourceWithWorkers, serveTrials, type WorkerOptions, type ToWorker, type FromWorker, type TrialSource } from './workers';
export { Study, type StudyState } from './search/study';
export { runSearch, runSearchWithWorkers, searchTotal, type SearchRunOptions } from './search/run-search';
export { runLocked } from './run-experiment';
export { RunInterrupted, type StopRequest } from './interrupted';
