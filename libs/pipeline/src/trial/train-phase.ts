/**
 * Phase "train": the training loop from the trial's last checkpoint (if a killed run left one),
 * writing checkpoints into the draft. A diverging loss ends it as a result (the trial fails, the
 * sweep goes on); a stop request ends the run (RunInterrupted) with its checkpoint written.
 */
import { performance } from 'node:perf_hooks';
import type { PreparedData } from '@ablate/data';
import { defaulted, failpoint } from '@ablate/spec';
import type { Trial, TrialDraft } from '@ablate/sweep';
import { train, TrainingDiverged, TrainingInterrupted, type TrainResult } from '@ablate/training';
import { checkpointFiles, checkpointFingerprint, disposeState, readCheckpointFiles } from '../checkpoint/checkpoint-files';
import { RunInterrupted } from '../interrupted';
import { recordingHistory } from '../record/live-history';
import type { CompiledTrial } from './compile-phase';
import type { TrialContext } from './trial-context';

export type Trained = { status: 'trained'; result: TrainResult; seconds: number } | { status: 'diverged'; failure: TrainingDiverged; seconds: number };

export async function trainPhase(trial: Trial, ctx: TrialContext, draft: TrialDraft, data: PreparedData, model: CompiledTrial, log: (line: string) => void): Promise<Trained> {
  const { config, seed } = trial;
  const fingerprint = checkpointFingerprint(trial);
  const files = draft.checkpoint.read();
  const found = files ? readCheckpointFiles(files, fingerprint) : undefined;
  const resume = found && 'state' in found ? found.state : undefined;
  if (found && 'ignored' in found) log(`checkpoint ignored (${found.ignored}): training starts from epoch 1`);
  if (resume) log(`resumed from the checkpoint after epoch ${resume.epochs}`);
  const prune = ctx.prune?.(trial, draft);
  const started = performance.now();
  let trained: Trained;
  try {
    const result = await train({
      model: model.compiled.model,
      penalties: model.compiled.penalties,
      data,
      optimizer: config.optimizer,
      schedule: config.schedule,
      training: config.training,
      loss: model.loss,
      numericTargets: model.numericTargets,
      image: model.image,
      seed,
      events: recordingHistory(ctx.events, draft),
      readDepth: ctx.backend.readDepth,
      ...(prune ? { prune } : {}),
      checkpoint: {
        every: defaulted(config.training.checkpoint_every, 'training.checkpoint_every'),
        resume,
        save: async (state) => draft.checkpoint.write(await checkpointFiles(state, fingerprint)),
        stopRequested: ctx.stop,
      },
    });
    trained = { status: 'trained', result, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (error instanceof TrainingInterrupted) throw new RunInterrupted(error.signal, { id: trial.id, epochs: error.epochs });
    if (!(error instanceof TrainingDiverged)) throw error;
    trained = { status: 'diverged', failure: error, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (resume) disposeState(resume);
  }
  failpoint('trial:trained');
  return trained;
}
