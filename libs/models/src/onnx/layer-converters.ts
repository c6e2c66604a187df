/**
 * Each tfjs layer class a trained ablate model holds, as ONNX operators. Tensors keep tfjs's
 * channels-last layout between layers (so Flatten, Dense, Concatenate and the batch norm's
 * per-channel constants read the same axes); convolutions and pooling, which ONNX defines on
 * channels-first tensors, are wrapped in a Transpose on each side (ONNX Runtime fuses the pairs).
 * Inference only: dropout is the identity, batch norm uses its moving statistics.
 */
import { FloatAttr, type OnnxGraph } from './onnx-graph';

export interface Weight {
  shape: number[];
  values: Float32Array;
}

export interface ConvertContext {
  graph: OnnxGraph;
  /** The layer's name: the base of its values' names. */
  name: string;
  config: Record<string, unknown>;
  inputs: string[];
  /** Input shapes with the batch axis (null). */
  inputShapes: Array<Array<number | null>>;
  /** A weight by its own name (kernel, bias, gamma, ...), or undefined. */
  weight(name: string): Weight | undefined;
}

export type Converter = (ctx: ConvertContext) => string;

/** Why a layer cannot be written, for the error (the layer is named by the caller). */
export class NotExpressible extends Error {}

/** `values` of `shape` with its axes reordered: out axis i is input axis perm[i]. */
export function permuted(values: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const outShape = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(values.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let source = 0;
    for (let i = 0; i < perm.length; i++) source += index[i] * strides[perm[i]];
    out[o] = values[source];
    for (let i = perm.length - 1; i >= 0 && ++index[i] === outShape[i]; i--) index[i] = 0;
  }
  return out;
}

const need = (ctx: ConvertContext, name: string): Weight => {
  const w = ctx.weight(name);
  if (!w) throw new NotExpressible(`has no weight "${name}"`);
  return w;
};
const rankOf = (ctx: ConvertContext) => ctx.inputShapes[0].length;
const toFirst = (rank: number) => [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
const toLast = (rank: number) => [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
const list = (v: unknown, n: number): number[] => (Array.isArray(v) ? (v as number[]) : new Array<number>(n).fill(v as number));

/** An op on channels-first data between two transposes. */
function channelsFirst(ctx: ConvertContext, op: (x: string) => string): string {
  const rank = rankOf(ctx);
  const first = ctx.graph.node('Transpose', [ctx.inputs[0]], `${ctx.name}_nchw`, { perm: toFirst(rank) });
  return ctx.graph.node('Transpose', [op(first)], ctx.name, { perm: toLast(rank) });
}

/** tfjs's `same` padding puts the odd pixel after, as ONNX's SAME_UPPER. */
const padding = (config: Record<string, unknown>): Record<string, string> => (config.padding === 'same' ? { auto_pad: 'SAME_UPPER' } : {});

/** An activation by tfjs's name, on `x`. */
export function activation(graph: OnnxGraph, name: string, x: string, fn: string): string {
  const half = () => graph.floats(`${name}_half`, [], [0.5]);
  const one = () => graph.floats(`${name}_one`, [], [1]);
  switch (fn) {
    case 'linear':
      return x;
    case 'relu':
      return graph.node('Relu', [x], name);
    case 'relu6':
      return graph.node('Clip', [x, graph.floats(`${name}_min`, [], [0]), graph.floats(`${name}_max`, [], [6])], name);
    case 'sigmoid':
      return graph.node('Sigmoid', [x], name);
    case 'tanh':
      return graph.node('Tanh', [x], name);
    case 'softmax':
      return graph.node('Softmax', [x], name, { axis: -1 });
    case 'selu':
      return graph.node('Selu', [x], name);
    case 'elu':
      return graph.node('Elu', [x], name, { alpha: new FloatAttr(1) });
    case 'softplus':
      return graph.node('Softplus', [x], name);
    case 'swish':
      return graph.node('Mul', [x, graph.node('Sigmoid', [x], `${name}_sigmoid`)], name);
    case 'gelu': {
      // 0.5 x (1 + erf(x / sqrt 2)): ONNX has Gelu only from opset 20.
      const erf = graph.node('Erf', [graph.node('Mul', [x, graph.floats(`${name}_rsqrt2`, [], [Math.SQRT1_2])], `${name}_scaled`)], `${name}_erf`);
      return graph.node('Mul', [graph.node('Mul', [x, half()], `${name}_half_x`), graph.node('Add', [erf, one()], `${name}_1p`)], name);
    }
    case 'gelu_new': {
      // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
      const cube = graph.node('Mul', [graph.node('Mul', [x, x], `${name}_sq`), x], `${name}_cube`);
      const inner = graph.node('Add', [x, graph.node('Mul', [cube, graph.floats(`${name}_c`, [], [0.044715])], `${name}_c_cube`)], `${name}_inner`);
      const tanh = graph.node('Tanh', [graph.node('Mul', [inner, graph.floats(`${name}_k`, [], [Math.sqrt(2 / Math.PI)])], `${name}_k_inner`)], `${name}_tanh`);
      return graph.node('Mul', [graph.node('Mul', [x, half()], `${name}_half_x`), graph.node('Add', [tanh, one()], `${name}_1p`)], name);
    }
    default:
      throw new NotExpressible(`has the activation "${fn}", which the ONNX export does not write`);
  }
}

const withActivation = (ctx: ConvertContext, x: string) => activation(ctx.graph, `${ctx.name}_act`, x, (ctx.config.activation as string | undefined) ?? 'linear');

function addBias(ctx: ConvertContext, x: string, bias: Weight | undefined, shapeFirst: boolean): string {
  if (!bias) return x;
  // Channels-first data takes the bias as [C, 1, ..., 1].
  const rank = rankOf(ctx);
  const dims = shapeFirst ? [bias.shape[0], ...new Array<number>(rank - 2).fill(1)] : bias.shape;
  return ctx.graph.node('Add', [x, ctx.graph.floats(`${ctx.name}_bias`, dims, bias.values)], `${ctx.name}_biased`);
}

/** A tfjs kernel [...window, in, out] as ONNX's [out, in, ...window]. */
function convWeight(ctx: ConvertContext, kernel: Weight): string {
  const r = kernel.shape.length - 2;
  const perm = [r + 1, r, ...Array.from({ length: r }, (_, i) => i)];
  return ctx.graph.floats(`${ctx.name}_kernel`, perm.map((p) => kernel.shape[p]), permuted(kernel.values, kernel.shape, perm));
}

function conv(ctx: ConvertContext, kernelName: string, extra: { group?: number; dilations?: number[]; kernel?: Weight } = {}): string {
  const kernel = extra.kernel ?? need(ctx, kernelName);
  const r = kernel.shape.length - 2;
  const strides = list(ctx.config.strides ?? 1, r);
  const dilations = extra.dilations ?? list(ctx.config.dilationRate ?? ctx.config.dilation ?? 1, r);
  const out = channelsFirst(ctx, (x) => {
    const y = ctx.graph.node('Conv', [x, convWeight(ctx, kernel)], `${ctx.name}_conv`, { kernel_shape: kernel.shape.slice(0, r), strides, dilations, group: extra.group ?? 1, ...padding(ctx.config) });
    return addBias(ctx, y, ctx.weight('bias'), true);
  });
  return withActivation(ctx, out);
}

/** tfjs's depthwise kernel [...window, in, multiplier] as a grouped convolution's [in * multiplier, 1, ...window]. */
function depthwiseKernel(kernel: Weight): Weight {
  const r = kernel.shape.length - 2;
  const [channels, multiplier] = kernel.shape.slice(r);
  return { shape: [...kernel.shape.slice(0, r), 1, channels * multiplier], values: kernel.values };
}

function pool(op: 'MaxPool' | 'AveragePool'): Converter {
  return (ctx) => {
    const r = rankOf(ctx) - 2;
    const size = list(ctx.config.poolSize, r);
    const strides = list(ctx.config.strides ?? ctx.config.poolSize, r);
    return channelsFirst(ctx, (x) => ctx.graph.node(op, [x], `${ctx.name}_pool`, { kernel_shape: size, strides, ...padding(ctx.config) }));
  };
}

function batchNorm(ctx: ConvertContext): string {
  const { graph, name } = ctx;
  const epsilon = ctx.config.epsilon as number;
  const mean = need(ctx, 'moving_mean');
  const variance = need(ctx, 'moving_variance');
  const deviation = variance.values.map((v) => Math.sqrt(v + epsilon));
  let y = graph.node('Sub', [ctx.inputs[0], graph.floats(`${name}_mean`, mean.shape, mean.values)], `${name}_centred`);
  y = graph.node('Div', [y, graph.floats(`${name}_std`, variance.shape, deviation)], `${name}_normalised`);
  const gamma = ctx.weight('gamma');
  if (gamma) y = graph.node('Mul', [y, graph.floats(`${name}_gamma`, gamma.shape, gamma.values)], `${name}_scaled`);
  const beta = ctx.weight('beta');
  if (beta) y = graph.node('Add', [y, graph.floats(`${name}_beta`, beta.shape, beta.values)], `${name}_shifted`);
  return y;
}

function merge(op: 'Add' | 'Sub' | 'Mul'): Converter {
  return (ctx) => ctx.inputs.slice(1).reduce((acc, x, i) => ctx.graph.node(op, [acc, x], i === ctx.inputs.length - 2 ? ctx.name : `${ctx.name}_${i}`), ctx.inputs[0]);
}

const identity: Converter = (ctx) => ctx.graph.node('Identity', [ctx.inputs[0]], ctx.name);

/** By tfjs class name: built-in tfjs layers and ablate's own (custom/). */
export const CONVERTERS: Record<string, Converter> = {
  Conv1D: (ctx) => conv(ctx, 'kernel'),
  Conv2D: (ctx) => conv(ctx, 'kernel'),
  Conv3D: (ctx) => conv(ctx, 'kernel'),
  AblateConv: (ctx) => conv(ctx, 'kernel', { group: ctx.config.groups as number, dilations: ctx.config.dilation as number[] }),
  DepthwiseConv2D: (ctx) => {
    const kernel = need(ctx, 'depthwise_kernel');
    return conv(ctx, 'depthwise_kernel', { kernel: depthwiseKernel(kernel), group: kernel.shape[2] });
  },
  SeparableConv2D: (ctx) => {
    const depthwise = need(ctx, 'depthwise_kernel');
    const pointwise = need(ctx, 'pointwise_kernel');
    const out = channelsFirst(ctx, (x) => {
      const d = ctx.graph.node('Conv', [x, convWeight(ctx, depthwiseKernel(depthwise))], `${ctx.name}_depthwise`, {
        kernel_shape: depthwise.shape.slice(0, 2),
        strides: list(ctx.config.strides ?? 1, 2),
        dilations: list(ctx.config.dilationRate ?? 1, 2),
        group: depthwise.shape[2],
        ...padding(ctx.config),
      });
      const p = ctx.graph.node('Conv', [d, convWeight(ctx, pointwise)], `${ctx.name}_pointwise`, { kernel_shape: [1, 1] });
      return addBias(ctx, p, ctx.weight('bias'), true);
    });
    return withActivation(ctx, out);
  },
  Dense: (ctx) => {
    const kernel = need(ctx, 'kernel');
    const y = ctx.graph.node('MatMul', [ctx.inputs[0], ctx.graph.floats(`${ctx.name}_kernel`, kernel.shape, kernel.values)], `${ctx.name}_matmul`);
    return withActivation(ctx, addBias(ctx, y, ctx.weight('bias'), false));
  },
  MaxPooling1D: pool('MaxPool'),
  MaxPooling2D: pool('MaxPool'),
  MaxPooling3D: pool('MaxPool'),
  AveragePooling1D: pool('AveragePool'),
  AveragePooling2D: pool('AveragePool'),
  AveragePooling3D: pool('AveragePool'),
  AblateGlobalPool: (ctx) => {
    const axes = Array.from({ length: rankOf(ctx) - 2 }, (_, i) => i + 1);
    return ctx.graph.node(ctx.config.mode === 'max' ? 'ReduceMax' : 'ReduceMean', [ctx.inputs[0]], ctx.name, { axes, keepdims: ctx.config.keepdims ? 1 : 0 });
  },
  AblateBatchNorm: batchNorm,
  AblateZeroPad: (ctx) => {
    const pads = ctx.config.padding as Array<[number, number]>;
    const all = [[0, 0], ...pads, [0, 0]];
    const fill = ctx.config.fill === 'lowest' ? -3.4028234663852886e38 : 0;
    return ctx.graph.node('Pad', [ctx.inputs[0], ctx.graph.ints(`${ctx.name}_pads`, [...all.map(([b]) => b), ...all.map(([, a]) => a)]), ctx.graph.floats(`${ctx.name}_fill`, [], [fill])], ctx.name, { mode: 'constant' });
  },
  Activation: (ctx) => activation(ctx.graph, ctx.name, ctx.inputs[0], ctx.config.activation as string),
  AblateRelu6: (ctx) => activation(ctx.graph, ctx.name, ctx.inputs[0], 'relu6'),
  ReLU: (ctx) => {
    if (ctx.config.maxValue != null) throw new NotExpressible('has a max value');
    return activation(ctx.graph, ctx.name, ctx.inputs[0], 'relu');
  },
  LeakyReLU: (ctx) => ctx.graph.node('LeakyRelu', [ctx.inputs[0]], ctx.name, { alpha: new FloatAttr(ctx.config.alpha as number) }),
  ELU: (ctx) => ctx.graph.node('Elu', [ctx.inputs[0]], ctx.name, { alpha: new FloatAttr(ctx.config.alpha as number) }),
  PReLU: (ctx) => {
    const alpha = need(ctx, 'alpha');
    return ctx.graph.node('PRelu', [ctx.inputs[0], ctx.graph.floats(`${ctx.name}_alpha`, alpha.shape, alpha.values)], ctx.name);
  },
  Softmax: (ctx) => {
    const axis = ctx.config.axis as number | number[];
    if (Array.isArray(axis) && axis.length !== 1) throw new NotExpressible('takes the softmax over several axes');
    return ctx.graph.node('Softmax', [ctx.inputs[0]], ctx.name, { axis: Array.isArray(axis) ? axis[0] : axis });
  },
  Flatten: (ctx) => ctx.graph.node('Flatten', [ctx.inputs[0]], ctx.name, { axis: 1 }),
  Reshape: (ctx) => ctx.graph.node('Reshape', [ctx.inputs[0], ctx.graph.ints(`${ctx.name}_shape`, [0, ...(ctx.config.targetShape as number[])])], ctx.name),
  Permute: (ctx) => ctx.graph.node('Transpose', [ctx.inputs[0]], ctx.name, { perm: [0, ...(ctx.config.dims as number[])] }),
  Add: (ctx) => (ctx.inputs.length > 2 ? ctx.graph.node('Sum', ctx.inputs, ctx.name) : merge('Add')(ctx)),
  AblateSubtract: merge('Sub'),
  Subtract: merge('Sub'),
  Multiply: merge('Mul'),
  Concatenate: (ctx) => ctx.graph.node('Concat', ctx.inputs, ctx.name, { axis: (ctx.config.axis as number | undefined) ?? -1 }),
  Dropout: identity,
  SpatialDropout1D: identity,
  AblateDropout: identity,
  Embedding: (ctx) => {
    if (ctx.config.maskZero) throw new NotExpressible('masks padding (mask_zero), which later layers read and ONNX tensors do not carry');
    const table = need(ctx, 'embeddings');
    const ids = ctx.graph.node('Cast', [ctx.inputs[0]], `${ctx.name}_ids`, { to: 7 });
    return ctx.graph.node('Gather', [ctx.graph.floats(`${ctx.name}_table`, table.shape, table.values), ids], ctx.name, { axis: 0 });
  },
};
