/**
 * A trained model taken apart for inspection: a layer by its node name, the output of any layer
 * for a batch, and the model's output with one layer's output replaced (what Grad-CAM
 * differentiates). Inference mode throughout.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { UserError } from '@ablate/spec';

type Layer = LayersModel['layers'][number];
type Node = { inputTensors: SymbolicTensor[]; outputTensors: SymbolicTensor[] };

const nodeOf = (layer: Layer) => (layer as unknown as { inboundNodes: Node[] }).inboundNodes[0];
const rankOf = (layer: Layer) => (layer.outputShape as number[]).length;

/** The layers of ablate's summary that make a node, by its name (a block's layers: `block_1/conv2d_2`). */
export function layerNamed(model: LayersModel, name: string, plot: string): Layer {
  const layer = model.layers.find((l) => l.name === name);
  if (!layer) {
    const names = model.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => l.name);
    throw new UserError(`report plot ${plot}: the model has no layer "${name}".`, { hint: `Its layers (as \`summary\` names them): ${names.slice(0, 30).join(', ')}${names.length > 30 ? ', ...' : ''}.` });
  }
  return layer;
}

/** The first (or last) layer whose output is a map [height, width, channels]: a convolution's, or what follows it. */
export type { Layer };

export function mapLayer(model: LayersModel, which: 'first' | 'last', plot: string): Layer {
  const maps = model.layers.filter((l) => l.getClassName() !== 'InputLayer' && rankOf(l) === 4);
  const convs = maps.filter((l) => /Conv/.test(l.getClassName()));
  const layer = which === 'first' ? (convs[0] ?? maps[0]) : (convs[convs.length - 1] ?? maps[maps.length - 1]);
  if (!layer) throw new UserError(`report plot ${plot} needs a layer with 2-D maps ([height, width, channels]); this model has none.`, { hint: 'Use it on image models (convolutions), or leave it out.' });
  return layer;
}

/** The features the classifier head takes: the input of the layer that makes the model's output. */
export function penultimate(model: LayersModel): SymbolicTensor {
  const last = model.layers.find((l) => nodeOf(l)?.outputTensors[0]?.id === model.outputs[0].id);
  return last ? nodeOf(last).inputTensors[0] : model.inputs[0];
}

/** The symbolic tensor a layer makes. */
export const outputTensor = (layer: Layer): SymbolicTensor => nodeOf(layer).outputTensors[0];

/** The values of `tensor` (a symbolic tensor of the model) for the batch `x`. */
export function outputOf(model: LayersModel, tensor: SymbolicTensor, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => run(model, x, undefined, tensor));
}

/** The model's output on `x` with `layer`'s output replaced by `replacement` (differentiable in it), or the value of `stop`. */
function run(model: LayersModel, x: tf.Tensor, replace: { layer: Layer; value: tf.Tensor } | undefined, stop?: SymbolicTensor): tf.Tensor {
  const values = new Map<number, tf.Tensor>([[model.inputs[0].id, x]]);
  if (stop?.id === model.inputs[0].id) return x;
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const node = nodeOf(layer);
    const inputs = node.inputTensors.map((t) => values.get(t.id) as tf.Tensor);
    const out = replace?.layer === layer ? replace.value : (layer.apply(inputs.length === 1 ? inputs[0] : inputs, { training: false }) as tf.Tensor);
    values.set(node.outputTensors[0].id, out);
    if (stop && node.outputTensors[0].id === stop.id) return out;
  }
  return values.get(model.outputs[0].id) as tf.Tensor;
}

/**
 * Grad-CAM (Selvaraju et al. 2017) of `layer` for each example's predicted class: the layer's
 * channels weighted by the mean gradient of the class score over each channel, summed, ReLU, scaled
 * to [0, 1] per example, at the layer's resolution [n, h, w].
 */
export function gradCam(model: LayersModel, layer: Layer, x: tf.Tensor): { cams: tf.Tensor; predicted: tf.Tensor } {
  return tf.tidy(() => {
    const features = run(model, x, undefined, nodeOf(layer).outputTensors[0]);
    const logits = run(model, x, { layer, value: features });
    const predicted = tf.argMax(logits, -1);
    const mask = tf.oneHot(predicted, logits.shape[1] as number);
    const grads = tf.grad((f: tf.Tensor) => tf.sum(tf.mul(run(model, x, { layer, value: f }), mask)))(features);
    const weights = tf.mean(grads, [1, 2], true);
    const cam = tf.relu(tf.sum(tf.mul(weights, features), -1));
    const peak = tf.maximum(tf.max(cam, [1, 2], true), 1e-12);
    return { cams: tf.div(cam, peak), predicted };
  });
}
