/**
 * A trained model as an ONNX file (opset 13) for inference elsewhere: ONNX Runtime, OpenCV's DNN,
 * TensorRT, or PyTorch through onnx2torch. The input is the model's own (channels last, as
 * `predict` and the exported preprocessing give it), with a free batch axis; the output is the
 * model's (logits for a classifier). Layers ONNX cannot express are named, all at once.
 */
import { UserError } from '@ablate/spec';
import type { LayersModel, SymbolicTensor, tfl } from '../tf';
import { CONVERTERS, NotExpressible, type Weight } from './layer-converters';
import { OnnxGraph } from './onnx-graph';

export interface OnnxExport {
  bytes: Uint8Array;
  /** The graph's input and output names. */
  input: string;
  output: string;
}

type Node = { inputTensors: SymbolicTensor[]; outputTensors: SymbolicTensor[] };

/** A layer's weights by their own names (kernel, bias, gamma, ...). */
async function weightsOf(layer: tfl.layers.Layer): Promise<(name: string) => Weight | undefined> {
  const read = await Promise.all(layer.weights.map(async (w) => [w.originalName.split('/').pop() as string, { shape: [...w.shape] as number[], values: (await w.read().data()) as Float32Array }] as const));
  const byName = new Map(read);
  return (name) => byName.get(name);
}

const problemOf = (layer: tfl.layers.Layer, why: string) => `${layer.name} (${layer.getClassName()}) ${why}`;

export async function toOnnx(model: LayersModel, meta: { name: string; properties?: Record<string, string> }): Promise<OnnxExport> {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new UserError(`the model has ${model.inputs.length} inputs and ${model.outputs.length} outputs; the ONNX export writes models with one of each.`);
  }
  const graph = new OnnxGraph();
  const names = new Map<number, string>();
  const input = graph.fresh('input');
  names.set(model.inputs[0].id, input);
  const problems: string[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const converter = CONVERTERS[layer.getClassName()];
    if (!converter) {
      problems.push(problemOf(layer, 'has no ONNX form in ablate'));
      continue;
    }
    const node = (layer as unknown as { inboundNodes: Node[] }).inboundNodes[0];
    const inputs = node.inputTensors.map((t) => names.get(t.id));
    // An input that an earlier layer could not write: this layer is not tried.
    if (inputs.some((n) => n === undefined)) continue;
    try {
      const out = converter({
        graph,
        name: layer.name,
        config: layer.getConfig() as Record<string, unknown>,
        inputs: inputs as string[],
        inputShapes: node.inputTensors.map((t) => [...t.shape]),
        weight: await weightsOf(layer),
      });
      names.set(node.outputTensors[0].id, out);
    } catch (error) {
      if (!(error instanceof NotExpressible)) throw error;
      problems.push(problemOf(layer, error.message));
    }
  }
  if (problems.length) {
    throw new UserError(`the model has layers the ONNX export cannot write: ${problems.join('; ')}.`, {
      hint: 'ONNX export covers convolutions (1-D to 3-D, grouped, dilated, depthwise, separable), pooling, batch norm, dense, activations, add/subtract/multiply/concatenate, reshape/flatten/permute, padding, embeddings and dropout (as the identity). Export the TensorFlow.js folder instead (without --onnx); it holds every layer.',
    });
  }
  const last = names.get(model.outputs[0].id) as string;
  const output = graph.output(last, 'output');
  const shape = (t: SymbolicTensor) => t.shape.map((d, i) => (i === 0 ? 'batch' : d === null ? `dim${i}` : d));
  const bytes = graph.encode([{ name: input, shape: shape(model.inputs[0]) }], [{ name: output, shape: shape(model.outputs[0]) }], {
    name: meta.name,
    doc: 'Written by ablate export --onnx. Input: one batch of prepared examples, channels last, as preprocessing.json describes.',
    properties: meta.properties ?? {},
  });
  return { bytes, input, output };
}
