/**
 * A training state as files, in the trial's draft folder (written atomically by CheckpointDir):
 * state.json (epochs done, history, optimizer step, schedule, early stopping, random streams,
 * the index of the tensors, and the fingerprint of what wrote it) and tensors.bin (every weight,
 * best weight and optimizer slot, raw little-endian values, with its SHA-256 in state.json).
 * A checkpoint is used only when it is whole and was written by the same trial config (the
 * checkpoint frequency aside), seed, ablate commit and versions; otherwise it is ignored, with
 * the reason.
 */
import { createHash } from 'node:crypto';
import { tf } from '@ablate/models';
import { canonicalJson, withoutRunSettings, type Trial } from '@ablate/sweep';
import type { HistoryRow, TrainingState } from '@ablate/training';
import { gitState, versions } from '../record/environment';

const STATE = 'state.json';
const TENSORS = 'tensors.bin';
const FORMAT = 1;

interface TensorEntry {
  name: string;
  dtype: 'float32' | 'int32';
  shape: number[];
  offset: number;
  bytes: number;
}

interface StateFile {
  format: number;
  fingerprint: string;
  epochs: number;
  history: HistoryRow[];
  optimizer_step: number;
  schedule: TrainingState['schedule'];
  early_stopping: TrainingState['earlyStopping'];
  streams: TrainingState['streams'];
  tensors: TensorEntry[];
  sha256: string;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** What a checkpoint must have been written by to be resumed from. */
export function checkpointFingerprint(trial: Trial): string {
  const { node: _node, ...code } = versions();
  return sha256(canonicalJson({ config: withoutRunSettings(trial.config), seed: trial.seed, code, commit: gitState()?.commit ?? null }) as string);
}

// JSON has no NaN or Infinity (a history may hold them): they travel as strings.
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);
const replacer = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
const reviver = (_key: string, value: unknown) => (typeof value === 'string' && NON_FINITE.has(value) ? Number(value) : value);

export async function checkpointFiles(state: TrainingState, fingerprint: string): Promise<Record<string, string | Uint8Array>> {
  const named: Array<[string, tf.Tensor]> = [
    ...state.weights.map((t, i): [string, tf.Tensor] => [`weights/${i}`, t]),
    ...state.best.map((t, i): [string, tf.Tensor] => [`best/${i}`, t]),
    ...Object.entries(state.optimizer.slots).map(([key, t]): [string, tf.Tensor] => [`optimizer/${key}`, t]),
  ];
  const chunks: Buffer[] = [];
  const tensors: TensorEntry[] = [];
  let offset = 0;
  for (const [name, tensor] of named) {
    const values = await tensor.data();
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    tensors.push({ name, dtype: tensor.dtype as TensorEntry['dtype'], shape: tensor.shape, offset, bytes: bytes.length });
    chunks.push(Buffer.from(bytes));
    offset += bytes.length;
  }
  const bin = Buffer.concat(chunks);
  const file: StateFile = {
    format: FORMAT,
    fingerprint,
    epochs: state.epochs,
    history: state.history,
    optimizer_step: state.optimizer.step,
    schedule: state.schedule,
    early_stopping: state.earlyStopping,
    streams: state.streams,
    tensors,
    sha256: sha256(bin),
  };
  return { [STATE]: JSON.stringify(file, replacer), [TENSORS]: bin };
}

export type FoundCheckpoint = { state: TrainingState } | { ignored: string };

/** The state in a checkpoint's files, or why it cannot be used. The tensors are new: the caller disposes them (disposeState). */
export function readCheckpointFiles(files: Readonly<Record<string, Buffer>>, fingerprint: string): FoundCheckpoint {
  let file: StateFile;
  try {
    file = JSON.parse(String(files[STATE]), reviver) as StateFile;
  } catch {
    return { ignored: `its ${STATE} is missing or unreadable` };
  }
  if (file.format !== FORMAT) return { ignored: `it has format ${file.format}, this ablate reads format ${FORMAT}` };
  if (file.fingerprint !== fingerprint) return { ignored: `it was written by another version of the trial's config, of ablate or of TensorFlow.js (another commit)` };
  const bin = files[TENSORS];
  if (!bin || sha256(bin) !== file.sha256) return { ignored: `its ${TENSORS} is damaged (its SHA-256 is not the one recorded)` };
  const tensor = (entry: TensorEntry) => {
    const bytes = bin.buffer.slice(bin.byteOffset + entry.offset, bin.byteOffset + entry.offset + entry.bytes);
    return tf.tensor(entry.dtype === 'int32' ? new Int32Array(bytes) : new Float32Array(bytes), entry.shape, entry.dtype);
  };
  const group = (prefix: string) => file.tensors.filter((e) => e.name.startsWith(prefix));
  return {
    state: {
      epochs: file.epochs,
      history: file.history,
      weights: group('weights/').map(tensor),
      best: group('best/').map(tensor),
      optimizer: { step: file.optimizer_step, slots: Object.fromEntries(group('optimizer/').map((e) => [e.name.slice('optimizer/'.length), tensor(e)])) },
      schedule: file.schedule,
      earlyStopping: file.early_stopping,
      streams: file.streams,
    },
  };
}

export function disposeState(state: TrainingState): void {
  tf.dispose([...state.weights, ...state.best, ...Object.values(state.optimizer.slots)]);
}
