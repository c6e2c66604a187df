/**
 * One implementation per layer type of the language (the catalog in libs/spec): it builds the
 * tfjs layer(s) for concrete parameters on symbolic inputs, and says how to initialise their
 * weights and how many multiply-accumulates they cost.
 */
import type { LayerType } from '@ablate/spec';
import type { InitializerSpec } from '../init/initializer-values';
import type { KernelKind } from '../init/fans';
import type { Shape } from '../shape';
import type { SymbolicTensor, tfl } from '../tf';

/** How to set one weight of a created layer. */
export interface WeightInit {
  layer: tfl.layers.Layer;
  /** The weight's own name in its layer: kernel, bias, depthwise_kernel, ... */
  weight: string;
  /** For a bias: the kernel whose fans it uses. */
  kernel?: string;
  kind: KernelKind;
  role: 'kernel' | 'bias' | 'embedding';
  initializer: InitializerSpec;
  /** An embedding whose rows start from the text dataset's word vectors where it has one. */
  fromVectors?: boolean;
}

/** An L2 penalty on one weight, added to the loss by the training loop: l2 * sum(w^2). */
export interface Penalty {
  layer: tfl.layers.Layer;
  weight: string;
  l2: number;
}

export interface BuildContext {
  /** Unique node name; tfjs layers are named after it. */
  name: string;
  inputs: SymbolicTensor[];
  /** Input shapes without the batch axis. */
  inputShapes: Shape[];
  /** The trial seed (dropout draws its masks from a stream named after the layer). */
  seed: number;
  /** The data facts, as `${data.x}` sees them (vocab_size, vectors_dim, ...). */
  data: Record<string, unknown>;
}

export interface Built {
  output: SymbolicTensor;
  layers: tfl.layers.Layer[];
  inits: WeightInit[];
  penalties: Penalty[];
  /** Multiply-accumulates of one example's forward pass. */
  macs: number;
}

export interface LayerImpl<P = Record<string, unknown>> {
  /** A type of the layer catalog, or a plug-in's. */
  type: LayerType | (string & {});
  /** `many`: a merge layer (add, concatenate, ...), which takes two or more inputs. */
  arity: 'one' | 'many';
  build(params: P, ctx: BuildContext): Built;
}

/** A mistake in how a layer is used (wrong input rank, kernel larger than its input, ...). */
export class LayerUseError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
