/** Activations as layers of their own. */
import type { LayerType } from '@ablate/spec';
import { Relu6 } from '../custom/relu6';
import { tfl } from '../tf';
import { finish, inputShape } from './build-helpers';
import type { LayerImpl } from './layer-impl';

function simple(type: LayerType, fn: string): LayerImpl<Record<string, never>> {
  return { type, arity: 'one', build: (_p, ctx) => finish(ctx, [tfl.layers.activation({ name: ctx.name, activation: fn as never })]) };
}

export const relu = simple('relu', 'relu');
export const relu6: LayerImpl<Record<string, never>> = { type: 'relu6', arity: 'one', build: (_p, ctx) => finish(ctx, [new Relu6({ name: ctx.name })]) };
export const selu = simple('selu', 'selu');
export const sigmoid = simple('sigmoid', 'sigmoid');
export const tanh = simple('tanh', 'tanh');
export const swish = simple('swish', 'swish');

export const leakyRelu: LayerImpl<{ alpha: number }> = {
  type: 'leaky_relu',
  arity: 'one',
  build: (p, ctx) => finish(ctx, [tfl.layers.leakyReLU({ name: ctx.name, alpha: p.alpha })]),
};

export const elu: LayerImpl<{ alpha: number }> = {
  type: 'elu',
  arity: 'one',
  build: (p, ctx) => finish(ctx, [tfl.layers.elu({ name: ctx.name, alpha: p.alpha })]),
};

export const gelu: LayerImpl<{ approximate?: 'none' | 'tanh' }> = {
  type: 'gelu',
  arity: 'one',
  build: (p, ctx) => finish(ctx, [tfl.layers.activation({ name: ctx.name, activation: (p.approximate === 'tanh' ? 'gelu_new' : 'gelu') as never })]),
};

export const softmax: LayerImpl<{ axis: number }> = {
  type: 'softmax',
  arity: 'one',
  build: (p, ctx) => finish(ctx, [tfl.layers.softmax({ name: ctx.name, axis: p.axis })]),
};

/** One slope per channel: alpha is shared over every axis but the last. */
export const prelu: LayerImpl<Record<string, never>> = {
  type: 'prelu',
  arity: 'one',
  build(_p, ctx) {
    const rank = inputShape(ctx).length;
    const sharedAxes = Array.from({ length: rank - 1 }, (_, i) => i + 1);
    return finish(ctx, [tfl.layers.prelu({ name: ctx.name, alphaInitializer: tfl.initializers.constant({ value: 0.25 }), ...(sharedAxes.length ? { sharedAxes } : {}) })]);
  },
};
