/**
 * Transposed convolutions and upsampling, as PyTorch's ConvTranspose2d/3d and nn.Upsample: the
 * decoder side of FCN-style and U-Net-style networks. A transposed convolution's output is
 * (in - 1) * stride - 2 * padding + kernel + output_padding per axis: tfjs's `valid` transposed
 * convolution, then `padding` cropped from each side (less output_padding after).
 */
import { Crop, TransposedConv3d, Upsample } from '../custom/resample';
import { prod, withoutBatch } from '../shape';
import { tfl } from '../tf';
import { axes, chain, inputShape, kernelAndBias, ZEROS, type WeightParams } from './build-helpers';
import { LayerUseError, type Built, type LayerImpl } from './layer-impl';

interface TransposeParams extends WeightParams {
  filters: number;
  kernel: number | number[];
  strides?: number | number[];
  padding?: number | number[];
  output_padding?: number | number[];
  trainable: boolean;
}

function transposed(rank: 2 | 3): LayerImpl<TransposeParams> {
  return {
    type: `conv${rank}d_transpose`,
    arity: 'one',
    build(p, ctx): Built {
      const shape = inputShape(ctx, rank + 1, rank === 2 ? 'a [height, width, channels] input' : 'a [depth, height, width, channels] input');
      const kernel = axes(p.kernel, rank, 1, 'kernel');
      const strides = axes(p.strides, rank, 1, 'strides');
      const padding = axes(p.padding, rank, 0, 'padding');
      const extra = axes(p.output_padding, rank, 0, 'output_padding');
      extra.forEach((op, i) => {
        if (op >= strides[i]) throw new LayerUseError(`has output_padding ${op} on axis ${i + 1}, not below its stride ${strides[i]}.`, 'PyTorch requires output_padding < stride: lower it.');
        if (op > padding[i]) throw new LayerUseError(`has output_padding ${op} above its padding ${padding[i]} on axis ${i + 1}.`, 'ablate crops padding from a valid transposed convolution: give output_padding <= padding.');
      });
      const args = { name: ctx.name, filters: p.filters, kernelSize: kernel, strides, padding: 'valid' as const, useBias: p.use_bias, kernelInitializer: ZEROS(), biasInitializer: ZEROS(), trainable: p.trainable };
      // tfjs's conv3dTranspose has no gradient: the 3-D one is ablate's, as the convolution whose gradient it is.
      const layer = rank === 2 ? tfl.layers.conv2dTranspose(args as Parameters<typeof tfl.layers.conv2dTranspose>[0]) : new TransposedConv3d({ name: ctx.name, filters: p.filters, kernelSize: kernel, strides, useBias: p.use_bias, trainable: p.trainable });
      const cropping = padding.map((pad, i) => [pad, pad - extra[i]] as [number, number]);
      const layers = [layer, ...(cropping.some(([a, b]) => a > 0 || b > 0) ? [new Crop({ name: `${ctx.name}_crop`, cropping })] : [])];
      const output = chain(ctx.inputs, layers);
      const out = withoutBatch(output.shape);
      if (out.some((d) => d <= 0)) throw new LayerUseError(`gives ${JSON.stringify(out)}: the padding crops more than the output has.`, 'Lower the padding.');
      return { output, layers, ...kernelAndBias(layer, p, 'conv'), macs: prod(shape.slice(0, -1)) * prod(kernel) * shape[rank] * p.filters };
    },
  };
}

export const conv2dTranspose = transposed(2);
export const conv3dTranspose = transposed(3);

function upsampling(rank: 2 | 3): LayerImpl<{ size: number | number[]; mode: 'nearest' | 'bilinear' }> {
  return {
    type: `upsampling${rank}d`,
    arity: 'one',
    build(p, ctx) {
      inputShape(ctx, rank + 1, rank === 2 ? 'a [height, width, channels] input' : 'a [depth, height, width, channels] input');
      const mode = p.mode;
      const layer = new Upsample({ name: ctx.name, size: axes(p.size, rank, 1, 'size'), mode });
      return { output: chain(ctx.inputs, [layer]), layers: [layer], inits: [], penalties: [], macs: 0 };
    },
  };
}

export const upsampling2d = upsampling(2);
export const upsampling3d = upsampling(3);
