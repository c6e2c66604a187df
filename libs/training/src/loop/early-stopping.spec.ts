/**
 * Early stopping as Keras's EarlyStopping and PyTorch Lightning's: the monitored value, its
 * direction, min_delta and patience; restore_best keeping the weights of the best epoch; its state
 * carried through a checkpoint; a monitor the split cannot give refused at once.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { withDefaults, type TrainingSpec } from '@ablate/spec';
import { EarlyStopping } from './early-stopping';

const training = (extra: Record<string, unknown>) => (withDefaults({ training: { epochs: 20, batch_size: 2, ...extra } } as never) as unknown as { training: TrainingSpec }).training;

function model(): tfl.LayersModel {
  return tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', biasInitializer: 'zeros' })] });
}

/** Epochs (1-based) run until `observe` says stop, each setting the weight to its epoch number. */
function run(spec: TrainingSpec, values: number[], key = 'val.loss'): { stoppedAt: number | undefined; stopping: EarlyStopping; net: tfl.LayersModel } {
  const net = model();
  const stopping = new EarlyStopping(spec, true);
  for (let epoch = 1; epoch <= values.length; epoch++) {
    net.layers[0].setWeights([tf.tensor2d([[epoch]]), tf.tensor1d([0])]);
    if (stopping.observe({ [key]: values[epoch - 1] }, epoch, net)) return { stoppedAt: epoch, stopping, net };
  }
  return { stoppedAt: undefined, stopping, net };
}

describe('early stopping', () => {
  it('stops after patience epochs without improvement of the monitored value', () => {
    expect(run(training({ early_stopping: { patience: 2 } }), [1, 0.8, 0.9, 0.85, 0.7]).stoppedAt).toBe(4);
    expect(run(training({ early_stopping: { patience: 3 } }), [1, 0.8, 0.9, 0.85, 0.7, 0.75]).stoppedAt).toBeUndefined();
  });

  it('counts an improvement smaller than min_delta as none', () => {
    expect(run(training({ early_stopping: { patience: 2, min_delta: 0.05 } }), [1, 0.97, 0.96, 0.5]).stoppedAt).toBe(3);
  });

  it("takes the monitored metric's direction: higher accuracy is better", () => {
    expect(run(training({ early_stopping: { monitor: 'val.oa', patience: 1 } }), [0.5, 0.6, 0.55], 'val.oa').stoppedAt).toBe(3);
  });

  it('with restore_best, ends with the weights of the best epoch', async () => {
    const { stopping, net } = run(training({ early_stopping: { patience: 2 }, restore_best: true }), [1, 0.6, 0.7, 0.8]);
    stopping.finish(net);
    expect(stopping.bestEpoch).toBe(2);
    expect(Array.from(await net.layers[0].getWeights()[0].data())).toEqual([2]);
  });

  it('continues from its state as if never stopped (a checkpoint)', () => {
    const spec = training({ early_stopping: { patience: 2 } });
    const first = run(spec, [1, 0.8, 0.9]);
    const resumed = new EarlyStopping(spec, true);
    resumed.restore(first.stopping.state());
    expect(resumed.observe({ 'val.loss': 0.95 }, 4, model())).toBe(true);
  });

  it('refuses a validation monitor when the split has no validation part', () => {
    expect(() => new EarlyStopping(training({ early_stopping: { patience: 2 } }), false)).toThrow('training monitors val.loss, but the split has no validation part.');
  });
});
