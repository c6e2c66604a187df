/**
 * Optimizers with PyTorch's update rules (torch.optim, 1.13), written with tfjs ops so that a
 * paper's hyperparameters mean the same here: coupled weight decay (L2 added to the gradient)
 * for SGD/Adam/RMSprop/Adagrad, decoupled decay for AdamW. State lives in tf.Variables.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '@ablate/spec';

/** An optimizer as withDefaults leaves it: every parameter present (the clipping options stay optional, they have no default). */
export type ResolvedOptimizer<T extends OptimizerSpec['type'] = OptimizerSpec['type']> = T extends unknown ? Required<Omit<Extract<OptimizerSpec, { type: T }>, 'clip_norm' | 'clip_value'>> & Pick<OptimizerSpec, 'clip_norm' | 'clip_value'> : never;

export interface Optimizer {
  /** One update of every variable with its gradient, at learning rate `lr`. */
  step(variables: readonly Variable[], grads: readonly Tensor[], lr: number): void;
  /** Its position: the steps taken and every slot by `<variable index>/<slot name>` (the optimizer's own tensors: read, do not dispose). */
  state(): OptimizerState;
  /** Continues from a recorded position (copies the tensors). */
  load(state: OptimizerState): void;
  dispose(): void;
}

export interface OptimizerState {
  step: number;
  slots: Readonly<Record<string, Tensor>>;
}
