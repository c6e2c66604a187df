/** What most layer implementations share: chaining tfjs layers, activations, weight initialisation, checks. */
import type { ActivationName } from '@ablate/spec';
import type { InitializerSpec } from '../init/initializer-values';
import type { KernelKind } from '../init/fans';
import { Relu6 } from '../custom/relu6';
import { ZeroPad } from '../custom/zero-pad';
import { formatShape, perAxis, type Shape } from '../shape';
import { tfl, type SymbolicTensor } from '../tf';
import { LayerUseError, type BuildContext, type Built, type Penalty, type WeightInit } from './layer-impl';

export const ZEROS = () => tfl.initializers.zeros();

/** Applies layers one after the other to the node's input(s). */
export function chain(inputs: SymbolicTensor[], layers: tfl.layers.Layer[]): SymbolicTensor {
  let x: SymbolicTensor | SymbolicTensor[] = inputs.length === 1 ? inputs[0] : inputs;
  for (const layer of layers) x = layer.apply(x) as SymbolicTensor;
  return x as SymbolicTensor;
}

export function finish(ctx: BuildContext, layers: tfl.layers.Layer[], rest: Partial<Omit<Built, 'output' | 'layers'>> = {}): Built {
  return { output: chain(ctx.inputs, layers), layers, inits: [], penalties: [], macs: 0, ...rest };
}

/** The single input's shape; `rank` checks it (spatial axes + channels). */
export function inputShape(ctx: BuildContext, rank?: number, expected?: string): Shape {
  const shape = ctx.inputShapes[0];
  if (rank !== undefined && shape.length !== rank) {
    throw new LayerUseError(
      `expects ${expected ?? `a rank-${rank} input`} (${rank} axes besides the batch), got ${formatShape(shape)}.`,
      rank > shape.length
        ? 'Add a `reshape` before it (e.g. to add a channel axis) or use the layer for this rank.'
        : 'Use the layer for this rank, or `flatten`/`reshape` before it.',
    );
  }
  return shape;
}

export function axes(value: number | number[] | undefined, rank: number, fallback: number, field: string): number[] {
  try {
    return perAxis(value, rank, fallback);
  } catch {
    throw new LayerUseError(`\`${field}\` has ${(value as number[]).length} values; this layer has ${rank} spatial axes.`, `Give one value, or ${rank}.`);
  }
}

export type Padding = 'same' | 'valid' | number | Array<number | number[]>;

/** tfjs takes same/valid; anything else becomes explicit [before, after] pairs for a ZeroPad. */
export function resolvePadding(padding: Padding | undefined, rank: number): { mode: 'same' | 'valid'; pairs?: Array<[number, number]> } {
  if (padding === undefined || padding === 'valid' || padding === 'same') return { mode: padding ?? 'valid' };
  const list = typeof padding === 'number' ? Array(rank).fill(padding) : padding;
  if (list.length !== rank) throw new LayerUseError(`\`padding\` has ${list.length} entries; this layer has ${rank} spatial axes.`, `Give one value, or ${rank}.`);
  const pairs = list.map((p) => (typeof p === 'number' ? [p, p] : p) as [number, number]);
  return { mode: 'valid', pairs: pairs.some(([a, b]) => a > 0 || b > 0) ? pairs : undefined };
}

export function padLayer(ctx: BuildContext, pairs: Array<[number, number]> | undefined, fill: 'zero' | 'lowest' = 'zero'): tfl.layers.Layer[] {
  return pairs ? [new ZeroPad({ name: `${ctx.name}_pad`, padding: pairs, fill })] : [];
}

const TFJS_ACTIVATION: Partial<Record<ActivationName, string>> = {
  linear: 'linear',
  relu: 'relu',
  elu: 'elu',
  selu: 'selu',
  gelu: 'gelu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  swish: 'swish',
};

/** An activation fused into the layer when tfjs has it, else a layer after it. */
export function activation(name: ActivationName | undefined, ctx: BuildContext): { inline: string; after: tfl.layers.Layer[] } {
  if (name === undefined || name === 'linear') return { inline: 'linear', after: [] };
  const inline = TFJS_ACTIVATION[name];
  if (inline) return { inline, after: [] };
  if (name === 'relu6') return { inline: 'linear', after: [new Relu6({ name: `${ctx.name}_act` })] };
  return { inline: 'linear', after: [tfl.layers.leakyReLU({ alpha: 0.01, name: `${ctx.name}_act` })] };
}

export interface WeightParams {
  use_bias: boolean;
  kernel_initializer?: InitializerSpec;
  bias_initializer?: InitializerSpec;
  l2?: number;
}

/** Kernel and bias initialisation (torch_default unless given) and the L2 penalty of a kernel. */
export function kernelAndBias(layer: tfl.layers.Layer, p: WeightParams, kind: KernelKind, kernel = 'kernel'): Pick<Built, 'inits' | 'penalties'> {
  const inits: WeightInit[] = [{ layer, weight: kernel, kind, role: 'kernel', initializer: p.kernel_initializer ?? 'torch_default' }];
  if (p.use_bias !== false) inits.push({ layer, weight: 'bias', kernel, kind, role: 'bias', initializer: p.bias_initializer ?? 'torch_default' });
  const penalties: Penalty[] = p.l2 ? [{ layer, weight: kernel, l2: p.l2 }] : [];
  return { inits, penalties };
}
