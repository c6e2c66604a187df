/** Flatten, reshape, permute, HybridSN's fold_depth, explicit padding, repeat_vector. */
import { ZeroPad } from '../custom/zero-pad';
import { formatShape, prod } from '../shape';
import { tfl } from '../tf';
import { finish, inputShape, resolvePadding, type Padding } from './build-helpers';
import { LayerUseError, type LayerImpl } from './layer-impl';

export const flatten: LayerImpl<Record<string, never>> = {
  type: 'flatten',
  arity: 'one',
  build: (_p, ctx) => finish(ctx, [tfl.layers.flatten({ name: ctx.name })]),
};

export const reshape: LayerImpl<{ shape: number[] }> = {
  type: 'reshape',
  arity: 'one',
  build(p, ctx) {
    const from = inputShape(ctx);
    const known = prod(p.shape.filter((d) => d !== -1));
    const unknowns = p.shape.filter((d) => d === -1).length;
    const size = prod(from);
    if (unknowns > 1 || (unknowns === 0 && known !== size) || (unknowns === 1 && size % known !== 0)) {
      throw new LayerUseError(`cannot reshape ${formatShape(from)} (${size} values) to ${formatShape(p.shape)}.`, 'The sizes must multiply to the same number; at most one may be -1.');
    }
    const target = p.shape.map((d) => (d === -1 ? size / known : d));
    return finish(ctx, [tfl.layers.reshape({ name: ctx.name, targetShape: target })]);
  },
};

export const permute: LayerImpl<{ dims: number[] }> = {
  type: 'permute',
  arity: 'one',
  build(p, ctx) {
    const rank = inputShape(ctx).length;
    const sorted = [...p.dims].sort((a, b) => a - b);
    if (sorted.length !== rank || sorted.some((d, i) => d !== i + 1)) {
      throw new LayerUseError(`dims ${formatShape(p.dims)} is not a permutation of the ${rank} non-batch axes.`, `Use each of 1..${rank} once.`);
    }
    return finish(ctx, [tfl.layers.permute({ name: ctx.name, dims: p.dims })]);
  },
};

export const foldDepth: LayerImpl<Record<string, never>> = {
  type: 'fold_depth',
  arity: 'one',
  build(_p, ctx) {
    const [h, w, d, c] = inputShape(ctx, 4, 'a [height, width, depth, channels] volume');
    return finish(ctx, [tfl.layers.reshape({ name: ctx.name, targetShape: [h, w, d * c] })]);
  },
};

export const zeroPad: LayerImpl<{ padding: Padding }> = {
  type: 'zero_pad',
  arity: 'one',
  build(p, ctx) {
    const rank = inputShape(ctx).length - 1;
    const { pairs, mode } = resolvePadding(p.padding, rank);
    if (mode === 'same') throw new LayerUseError('`same` is not an amount of padding.', 'Give a size per axis, e.g. [1, 1] or [[1, 0], [0, 1]].');
    return finish(ctx, [new ZeroPad({ name: ctx.name, padding: pairs ?? Array(rank).fill([0, 0]) })]);
  },
};

export const repeatVector: LayerImpl<{ n: number }> = {
  type: 'repeat_vector',
  arity: 'one',
  build(p, ctx) {
    inputShape(ctx, 1, 'a vector');
    return finish(ctx, [tfl.layers.repeatVector({ name: ctx.name, n: p.n })]);
  },
};
