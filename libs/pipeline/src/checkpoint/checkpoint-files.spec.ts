import '@tensorflow/tfjs-backend-cpu';
import { tf } from '@ablate/models';
import type { TrainingState } from '@ablate/training';
import { checkpointFiles, disposeState, readCheckpointFiles } from './checkpoint-files';

function state(): TrainingState {
  return {
    epochs: 2,
    history: [{ epoch: 1, 'train.loss': 0.5, 'val.kappa': Number.NaN }, { epoch: 2, 'train.loss': Number.POSITIVE_INFINITY }],
    weights: [tf.tensor([1.5, -2], [2]), tf.tensor([[3]], [1, 1])],
    best: [tf.tensor([0.25, 0], [2]), tf.tensor([[7]], [1, 1])],
    optimizer: { step: 20, slots: { '0/m': tf.tensor([0.1, 0.2]), '1/v': tf.tensor([[0.3]]) } },
    schedule: { factor: 0.5, best: Number.NaN, waited: 1 },
    earlyStopping: { bestValue: 0.5, bestEpoch: 1, waited: 1 },
    streams: { dropout_1: { i: 3, j: 4, S: [1, 2, 3] } },
  };
}

const asBuffers = (files: Record<string, string | Uint8Array>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));

describe('checkpoint files', () => {
  it('give back every part of the state, non-finite numbers included', async () => {
    const written = state();
    const found = readCheckpointFiles(asBuffers(await checkpointFiles(written, 'f1')), 'f1');
    if (!('state' in found)) throw new Error(found.ignored);
    const read = found.state;
    expect(read.history).toEqual(written.history);
    expect(read.schedule).toEqual(written.schedule);
    expect(read.earlyStopping).toEqual(written.earlyStopping);
    expect(read.streams).toEqual(written.streams);
    expect(read.optimizer.step).toBe(20);
    expect(Object.keys(read.optimizer.slots)).toEqual(['0/m', '1/v']);
    const values = (ts: readonly tf.Tensor[]) => ts.map((t) => [t.shape, Array.from(t.dataSync())]);
    expect(values(read.weights)).toEqual(values(written.weights));
    expect(values(read.best)).toEqual(values(written.best));
    expect(values(Object.values(read.optimizer.slots))).toEqual(values(Object.values(written.optimizer.slots)));
    disposeState(read);
    disposeState(written);
  });

  it('are ignored, with the reason, when damaged or written for another config or code', async () => {
    const written = state();
    const files = asBuffers(await checkpointFiles(written, 'f1'));
    disposeState(written);
    expect(readCheckpointFiles(files, 'f2')).toEqual({ ignored: expect.stringMatching(/another version of the trial's config/) });
    expect(readCheckpointFiles({ ...files, 'tensors.bin': files['tensors.bin'].subarray(0, 8) }, 'f1')).toEqual({ ignored: expect.stringMatching(/tensors\.bin is damaged/) });
    expect(readCheckpointFiles({ 'tensors.bin': files['tensors.bin'] }, 'f1')).toEqual({ ignored: expect.stringMatching(/state\.json is missing or unreadable/) });
  });
});
