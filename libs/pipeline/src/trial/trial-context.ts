/** What every phase of a trial may need from the run around it. */
import type { BackendChoice } from '@ablate/backend';
import type { LoadedPlugin, Locate } from '@ablate/spec';
import type { Trial, TrialDraft, TrialStore } from '@ablate/sweep';
import type { TrainOptions } from '@ablate/training';
import type { TrialEvents } from '../events';
import type { StopRequest } from '../interrupted';

export interface TrialContext {
  experiment: string;
  /** Folder of the experiment file: relative dataset paths start there. */
  baseDir: string;
  store: TrialStore;
  backend: BackendChoice;
  /** Positions of the experiment's nodes, for errors in the model. */
  locate?: Locate;
  events?: TrialEvents;
  /** Asked between epochs: a signal to stop at this safe point (after writing a checkpoint). */
  stop?: StopRequest;
  /** A search's pruning: the check a trial asks after each epoch (it records the metric in the draft), or none. */
  prune?: (trial: Trial, draft: TrialDraft) => TrainOptions['prune'];
  /** The plug-ins the experiment loaded: recorded in env.json, so that the saved model can be loaded with them. */
  plugins?: readonly LoadedPlugin[];
}
