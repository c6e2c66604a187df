/** conv1d/2d/3d (with groups and any padding), depthwise and separable 2-D convolutions. */
import type { ActivationName } from '@ablate/spec';
import { Conv } from '../custom/conv';
import { prod, withoutBatch } from '../shape';
import { tfl } from '../tf';
import { activation, axes, chain, inputShape, kernelAndBias, padLayer, resolvePadding, ZEROS, type Padding, type WeightParams } from './build-helpers';
import { LayerUseError, type BuildContext, type Built, type LayerImpl } from './layer-impl';

interface ConvParams extends WeightParams {
  filters: number;
  kernel: number | number[];
  strides?: number | number[];
  dilation?: number | number[];
  padding?: Padding;
  activation?: ActivationName;
  trainable: boolean;
}

const WORDS = { 1: 'a [length, channels] input', 2: 'a [height, width, channels] input', 3: 'a [depth, height, width, channels] input' };

function geometry(p: ConvParams, ctx: BuildContext, rank: 1 | 2 | 3) {
  const shape = inputShape(ctx, rank + 1, WORDS[rank]);
  const kernel = axes(p.kernel, rank, 1, 'kernel');
  const strides = axes(p.strides, rank, 1, 'strides');
  const dilation = axes(p.dilation, rank, 1, 'dilation');
  if (strides.some((s) => s > 1) && dilation.some((d) => d > 1)) {
    throw new LayerUseError('strides and dilation cannot both be above 1 (TensorFlow.js convolutions do not support it).', 'Use strides 1 with dilation, or dilation 1 with strides.');
  }
  const padding = resolvePadding(p.padding, rank);
  return { shape, kernel, strides, dilation, padding, channels: shape[rank] };
}

/** tfjs's own convolution of a rank; the per-axis tuples have `rank` entries. */
function standardConv(rank: 1 | 2 | 3, args: Parameters<typeof tfl.layers.conv2d>[0]) {
  const first = (v: unknown) => (v as number[])[0];
  if (rank === 1) return tfl.layers.conv1d({ ...args, kernelSize: first(args.kernelSize), strides: first(args.strides), dilationRate: first(args.dilationRate) });
  return rank === 2 ? tfl.layers.conv2d(args) : tfl.layers.conv3d(args as Parameters<typeof tfl.layers.conv3d>[0]);
}

/** The custom Conv layer is always `valid`: `same` becomes explicit padding (TensorFlow's split, the extra row at the end). */
function samePadding(ctx: BuildContext, g: ReturnType<typeof geometry>, custom: boolean): tfl.layers.Layer[] {
  if (!custom || g.padding.mode !== 'same') return padLayer(ctx, g.padding.pairs);
  const pairs = g.shape.slice(0, -1).map((size, i) => {
    const span = g.dilation[i] * (g.kernel[i] - 1) + 1;
    const out = Math.ceil(size / g.strides[i]);
    const total = Math.max((out - 1) * g.strides[i] + span - size, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)] as [number, number];
  });
  return padLayer(ctx, pairs);
}

function separateActivation(ctx: BuildContext, act: ReturnType<typeof activation>, custom: boolean): tfl.layers.Layer[] {
  const fused = custom && act.inline !== 'linear' ? [tfl.layers.activation({ activation: act.inline as never, name: `${ctx.name}_act` })] : [];
  return [...fused, ...act.after];
}

function conv(rank: 1 | 2 | 3): LayerImpl<ConvParams & { groups: number }> {
  return {
    type: `conv${rank}d`,
    arity: 'one',
    build(p, ctx): Built {
      const g = geometry(p, ctx, rank);
      const { groups } = p;
      if (g.channels % groups !== 0 || p.filters % groups !== 0) {
        throw new LayerUseError(`groups: ${groups} must divide both the input channels (${g.channels}) and the filters (${p.filters}).`);
      }
      const act = activation(p.activation, ctx);
      // tfjs trains neither grouped nor dilated convolutions: those use the custom Conv layer.
      const custom = groups > 1 || g.dilation.some((d) => d > 1);
      const layer =
        !custom
          ? standardConv(rank, {
              name: ctx.name,
              filters: p.filters,
              kernelSize: g.kernel as [number, number],
              strides: g.strides as [number, number],
              dilationRate: g.dilation as [number, number],
              padding: g.padding.mode,
              activation: act.inline as never,
              useBias: p.use_bias,
              kernelInitializer: ZEROS(),
              biasInitializer: ZEROS(),
              trainable: p.trainable,
            })
          : new Conv({ name: ctx.name, rank, filters: p.filters, kernelSize: g.kernel, strides: g.strides, dilation: g.dilation, groups, useBias: p.use_bias, trainable: p.trainable });
      const layers = [...samePadding(ctx, g, custom), layer, ...separateActivation(ctx, act, custom)];
      const output = chain(ctx.inputs, layers);
      const out = withoutBatch(output.shape);
      return { output, layers, ...kernelAndBias(layer, p, 'conv'), macs: prod(out.slice(0, -1)) * p.filters * (g.channels / groups) * prod(g.kernel) };
    },
  };
}

export const conv1d = conv(1);
export const conv2d = conv(2);
export const conv3d = conv(3);

export const depthwiseConv2d: LayerImpl<ConvParams & { depth_multiplier: number }> = {
  type: 'depthwise_conv2d',
  arity: 'one',
  build(p, ctx) {
    const g = geometry(p, ctx, 2);
    const act = activation(p.activation, ctx);
    const multiplier = p.depth_multiplier;
    if (g.dilation.some((d) => d > 1)) {
      // A depthwise convolution is a grouped one with groups = channels (PyTorch's own definition).
      return conv2d.build({ ...p, filters: g.channels * multiplier, groups: g.channels }, ctx);
    }
    const layer = tfl.layers.depthwiseConv2d({
      name: ctx.name,
      kernelSize: g.kernel as [number, number],
      strides: g.strides as [number, number],
      dilationRate: g.dilation as [number, number],
      padding: g.padding.mode,
      depthMultiplier: multiplier,
      activation: act.inline as never,
      useBias: p.use_bias,
      depthwiseInitializer: ZEROS(),
      biasInitializer: ZEROS(),
      trainable: p.trainable,
    });
    const layers = [...padLayer(ctx, g.padding.pairs), layer, ...act.after];
    const output = chain(ctx.inputs, layers);
    const out = withoutBatch(output.shape);
    return { output, layers, ...kernelAndBias(layer, p, 'depthwise', 'depthwise_kernel'), macs: prod(out.slice(0, -1)) * g.channels * multiplier * prod(g.kernel) };
  },
};

export const separableConv2d: LayerImpl<ConvParams & { depth_multiplier: number }> = {
  type: 'separable_conv2d',
  arity: 'one',
  build(p, ctx) {
    const g = geometry(p, ctx, 2);
    const act = activation(p.activation, ctx);
    const multiplier = p.depth_multiplier;
    const layer = tfl.layers.separableConv2d({
      name: ctx.name,
      filters: p.filters,
      kernelSize: g.kernel as [number, number],
      strides: g.strides as [number, number],
      dilationRate: g.dilation as [number, number],
      padding: g.padding.mode,
      depthMultiplier: multiplier,
      activation: act.inline as never,
      useBias: p.use_bias,
      depthwiseInitializer: ZEROS(),
      pointwiseInitializer: ZEROS(),
      biasInitializer: ZEROS(),
      trainable: p.trainable,
    });
    const layers = [...padLayer(ctx, g.padding.pairs), layer, ...act.after];
    const output = chain(ctx.inputs, layers);
    const out = withoutBatch(output.shape);
    const depthwise = kernelAndBias(layer, { ...p, use_bias: false }, 'depthwise', 'depthwise_kernel');
    const pointwise = kernelAndBias(layer, p, 'conv', 'pointwise_kernel');
    const positions = prod(out.slice(0, -1));
    return {
      output,
      layers,
      inits: [...depthwise.inits, ...pointwise.inits],
      penalties: [...depthwise.penalties, ...pointwise.penalties],
      macs: positions * g.channels * multiplier * (prod(g.kernel) + p.filters),
    };
  },
};
