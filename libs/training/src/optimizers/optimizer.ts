/**
 * Optimizers with PyTorch's update rules (torch.optim, 1.13), written with tfjs ops so that a
 * paper's hyperparameters mean the same here: coupled weight decay (L2 added to the gradient)
 * for SGD/Adam/RMSprop/Adagrad, decoupled decay for AdamW. State lives in tf.Variables.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';

export interface Optimizer {
  /** One update of every variable with its gradient, at learning rate `lr`. */
  step(variables: readonly Variable[], grads: readonly Tensor[], lr: number): void;
  dispose(): void;
}
