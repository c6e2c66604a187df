/** Max/average pooling 1-D/2-D/3-D (explicit padding as in PyTorch) and global pooling of any rank. */
import { GlobalPool } from '../custom/global-pool';
import { tfl } from '../tf';
import { axes, finish, inputShape, padLayer, resolvePadding, type Padding } from './build-helpers';
import { LayerUseError, type LayerImpl } from './layer-impl';

interface PoolParams {
  pool: number | number[];
  strides?: number | number[];
  padding?: Padding;
}

const FACTORY = {
  max: [tfl.layers.maxPooling1d, tfl.layers.maxPooling2d, tfl.layers.maxPooling3d],
  average: [tfl.layers.averagePooling1d, tfl.layers.averagePooling2d, tfl.layers.averagePooling3d],
} as const;

function pool(kind: 'max' | 'average', rank: 1 | 2 | 3): LayerImpl<PoolParams> {
  return {
    type: `${kind === 'max' ? 'max' : 'avg'}_pool${rank}d` as LayerImpl['type'],
    arity: 'one',
    build(p, ctx) {
      inputShape(ctx, rank + 1, `a rank-${rank + 1} input (${rank} spatial axes and channels)`);
      const size = axes(p.pool, rank, 1, 'pool');
      const strides = axes(p.strides ?? p.pool, rank, 1, 'strides');
      // PyTorch pads max pooling with -inf and counts zero padding in averages (count_include_pad).
      const padding = resolvePadding(p.padding, rank);
      const args = { name: ctx.name, poolSize: size, strides, padding: padding.mode };
      const layer =
        rank === 1
          ? FACTORY[kind][0]({ ...args, poolSize: size[0], strides: strides[0] })
          : rank === 2
            ? FACTORY[kind][1]({ ...args, poolSize: size as [number, number], strides: strides as [number, number] })
            : FACTORY[kind][2]({ ...args, poolSize: size as [number, number, number], strides: strides as [number, number, number] });
      return finish(ctx, [...padLayer(ctx, padding.pairs, kind === 'max' ? 'lowest' : 'zero'), layer]);
    },
  };
}

export const maxPool1d = pool('max', 1);
export const maxPool2d = pool('max', 2);
export const maxPool3d = pool('max', 3);
export const avgPool1d = pool('average', 1);
export const avgPool2d = pool('average', 2);
export const avgPool3d = pool('average', 3);

function globalPool(mode: 'average' | 'max'): LayerImpl<{ keepdims: boolean }> {
  return {
    type: mode === 'average' ? 'global_avg_pool' : 'global_max_pool',
    arity: 'one',
    build(p, ctx) {
      if (inputShape(ctx).length < 2) {
        throw new LayerUseError('needs spatial axes to pool over, but its input has only channels.', 'Remove it, or place it before `flatten`.');
      }
      return finish(ctx, [new GlobalPool({ name: ctx.name, mode, keepdims: p.keepdims })]);
    },
  };
}

export const globalAvgPool = globalPool('average');
export const globalMaxPool = globalPool('max');
