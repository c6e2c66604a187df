/** Convolutions (2-D, 3-D, depthwise, fused with bias and activation) and their gradients, on oneDNN. */
import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBinding } from './binding';
import { fusedEpilogue, output, size, values, type KernelArgs, type NativeKernelSpec } from './kernel-kit';

type Conv2DInfo = ReturnType<typeof backend_util.computeConv2DInfo>;
type Conv3DInfo = ReturnType<typeof backend_util.computeConv3DInfo>;

interface Geometry {
  strides: number[];
  dilations: number[];
  padL: number[];
  padR: number[];
}

function geometry2d(info: Conv2DInfo): Geometry {
  return {
    strides: [info.strideHeight, info.strideWidth],
    dilations: [info.dilationHeight, info.dilationWidth],
    padL: [info.padInfo.top, info.padInfo.left],
    padR: [info.padInfo.bottom, info.padInfo.right],
  };
}

function geometry3d(info: Conv3DInfo): Geometry {
  return {
    strides: [info.strideDepth, info.strideHeight, info.strideWidth],
    dilations: [info.dilationDepth, info.dilationHeight, info.dilationWidth],
    padL: [info.padInfo.front, info.padInfo.top, info.padInfo.left],
    padR: [info.padInfo.back, info.padInfo.bottom, info.padInfo.right],
  };
}

const nhwc = (attrs: KernelArgs['attrs']) => attrs.dataFormat === undefined || attrs.dataFormat === 'NHWC' || attrs.dataFormat === 'channelsLast' || attrs.dataFormat === 'NDHWC';

function info2d({ attrs }: KernelArgs, xShape: number[], filterShape: number[], depthwise: boolean, withDilations: boolean): Conv2DInfo {
  // tfjs-layers passes dilations: null when a layer has none (tfjs's own kernels default it to 1).
  return backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], attrs.strides as [number, number], (withDilations ? (attrs.dilations ?? 1) : 1) as [number, number], attrs.pad as 'valid', attrs.dimRoundingMode as 'floor', depthwise);
}

function forward(args: KernelArgs, native: NativeBinding, depthwise: boolean, fused: boolean): TensorInfo | undefined {
  const { inputs, attrs, backend } = args;
  if (!nhwc(attrs)) return undefined;
  const x = values(backend, inputs.x);
  const filter = values(backend, inputs.filter);
  if (!x || !filter) return undefined;
  const epilogue = fused ? fusedEpilogue(args, depthwise ? inputs.filter.shape[2] * inputs.filter.shape[3] : inputs.filter.shape[3]) : { bias: null, activation: 0 };
  if (!epilogue) return undefined;
  const { bias, activation } = epilogue;
  const info = info2d(args, inputs.x.shape, inputs.filter.shape, depthwise, true);
  const g = geometry2d(info);
  const out = output(backend, info.outShape, (o) => forwardConv(native, x, filter, o, bias, inputs.x.shape, inputs.filter.shape, info.outShape, g, depthwise), true);
  if (activation > 0) {
    const y = values(backend, out) as Float32Array;
    native.unary(ACTIVATION_UNARY[activation], y, y, (attrs.leakyreluAlpha as number) ?? 0.2);
  }
  return out;
}

/** Activation code → unary op code of native/src/elementwise.cc. */
const ACTIVATION_UNARY: Record<number, number> = { 1: 0, 2: 1, 3: 12, 4: 13, 5: 10 };

function backwardInput(args: KernelArgs, native: NativeBinding, depthwise: boolean): TensorInfo | undefined {
  const { inputs, attrs, backend } = args;
  if (!nhwc(attrs)) return undefined;
  const dy = values(backend, inputs.dy);
  const filter = values(backend, inputs.filter);
  if (!dy || !filter) return undefined;
  const xShape = attrs.inputShape as number[];
  const info = info2d(args, xShape, inputs.filter.shape, depthwise, depthwise);
  const g = geometry2d(info);
  return output(backend, xShape, (dx) => backwardData(native, dy, filter, dx, xShape, inputs.filter.shape, inputs.dy.shape, g, depthwise), true);
}

function backwardFilter(args: KernelArgs, native: NativeBinding, depthwise: boolean): TensorInfo | undefined {
  const { inputs, attrs, backend } = args;
  if (!nhwc(attrs)) return undefined;
  const x = values(backend, inputs.x);
  const dy = values(backend, inputs.dy);
  if (!x || !dy) return undefined;
  const filterShape = attrs.filterShape as number[];
  const info = info2d(args, inputs.x.shape, filterShape, depthwise, depthwise);
  const g = geometry2d(info);
  return output(backend, filterShape, (dw) => backwardWeights(native, x, dy, dw, inputs.x.shape, filterShape, inputs.dy.shape, g, depthwise), true);
}

/**
 * tfjs's 'same' padding of 3-D convolutions is not clamped at 0: with a stride above the kernel's
 * extent (e.g. kernel 1, stride 2 on 6 values) it gives a negative padding, the window starting
 * inside the input, and tfjs's kernels read x from -pad on. oneDNN refuses negative padding, so
 * those leading/trailing rows are cropped off x first (the output is unchanged: in + padL + padR
 * is the same), and the input gradient is padded back with zeros.
 */
interface Crop {
  g: Geometry;
  /** The cropped input's shape, and where it starts in the original. */
  shape: number[];
  begin: number[];
}

function crop(xShape: number[], g: Geometry): Crop | undefined {
  if (!g.padL.some((p) => p < 0) && !g.padR.some((p) => p < 0)) return undefined;
  const before = g.padL.map((p) => Math.max(0, -p));
  const after = g.padR.map((p) => Math.max(0, -p));
  return {
    g: { ...g, padL: g.padL.map((p) => Math.max(0, p)), padR: g.padR.map((p) => Math.max(0, p)) },
    shape: xShape.map((d, i) => (i === 0 || i === xShape.length - 1 ? d : d - before[i - 1] - after[i - 1])),
    begin: xShape.map((_, i) => (i === 0 || i === xShape.length - 1 ? 0 : before[i - 1])),
  };
}

function cropped(native: NativeBinding, x: Float32Array, xShape: number[], c: Crop): Float32Array {
  const out = new Float32Array(size(c.shape));
  native.slice(x, out, xShape, c.begin, c.shape);
  return out;
}

/** convBackwardData into dx of xShape, through a cropped input when the padding is negative. */
function backwardData(native: NativeBinding, dy: Float32Array, filter: Float32Array, dx: Float32Array, xShape: number[], filterShape: number[], dyShape: number[], g: Geometry, depthwise: boolean): void {
  const c = crop(xShape, g);
  if (!c) return native.convBackwardData(dy, filter, dx, null, xShape, filterShape, dyShape, g.strides, g.dilations, g.padL, g.padR, depthwise);
  const inner = new Float32Array(size(c.shape));
  native.convBackwardData(dy, filter, inner, null, c.shape, filterShape, dyShape, c.g.strides, c.g.dilations, c.g.padL, c.g.padR, depthwise);
  native.pad(inner, dx, c.shape, c.begin, xShape, 0);
}

function backwardWeights(native: NativeBinding, x: Float32Array, dy: Float32Array, dw: Float32Array, xShape: number[], filterShape: number[], dyShape: number[], g: Geometry, depthwise: boolean): void {
  const c = crop(xShape, g);
  if (!c) return native.convBackwardWeights(x, dy, dw, null, xShape, filterShape, dyShape, g.strides, g.dilations, g.padL, g.padR, depthwise);
  native.convBackwardWeights(cropped(native, x, xShape, c), dy, dw, null, c.shape, filterShape, dyShape, c.g.strides, c.g.dilations, c.g.padL, c.g.padR, depthwise);
}

function forwardConv(native: NativeBinding, x: Float32Array, filter: Float32Array, out: Float32Array, bias: Float32Array | null, xShape: number[], filterShape: number[], outShape: number[], g: Geometry, depthwise: boolean): void {
  const c = crop(xShape, g);
  if (!c) return native.convForward(x, filter, out, bias, xShape, filterShape, outShape, g.strides, g.dilations, g.padL, g.padR, depthwise);
  native.convForward(cropped(native, x, xShape, c), filter, out, bias, c.shape, filterShape, outShape, c.g.strides, c.g.dilations, c.g.padL, c.g.padR, depthwise);
}

function info3d({ attrs }: KernelArgs, xShape: number[], filterShape: number[], withDilations: boolean): Conv3DInfo {
  return backend_util.computeConv3DInfo(xShape as [number, number, number, number, number], filterShape as [number, number, number, number, number], attrs.strides as [number, number, number], (withDilations ? (attrs.dilations ?? 1) : 1) as [number, number, number], attrs.pad as 'valid');
}

export const CONV_KERNELS: NativeKernelSpec[] = [
  { kernelName: 'Conv2D', run: (a, n) => forward(a, n, false, false) },
  { kernelName: 'FusedConv2D', run: (a, n) => forward(a, n, false, true) },
  { kernelName: 'DepthwiseConv2dNative', run: (a, n) => forward(a, n, true, false) },
  { kernelName: 'FusedDepthwiseConv2D', run: (a, n) => forward(a, n, true, true) },
  { kernelName: 'Conv2DBackpropInput', run: (a, n) => backwardInput(a, n, false) },
  { kernelName: 'DepthwiseConv2dNativeBackpropInput', run: (a, n) => backwardInput(a, n, true) },
  { kernelName: 'Conv2DBackpropFilter', run: (a, n) => backwardFilter(a, n, false) },
  { kernelName: 'DepthwiseConv2dNativeBackpropFilter', run: (a, n) => backwardFilter(a, n, true) },
  {
    kernelName: 'Conv3D',
    run(args, native) {
      const { inputs, backend } = args;
      const x = values(backend, inputs.x);
      const filter = values(backend, inputs.filter);
      if (!x || !filter) return undefined;
      const info = info3d(args, inputs.x.shape, inputs.filter.shape, true);
      const g = geometry3d(info);
      return output(backend, info.outShape, (o) => forwardConv(native, x, filter, o, null, inputs.x.shape, inputs.filter.shape, info.outShape, g, false), true);
    },
  },
  {
    kernelName: 'Conv3DBackpropInputV2',
    run(args, native) {
      const { inputs, attrs, backend } = args;
      const dy = values(backend, inputs.dy);
      const filter = values(backend, inputs.filter);
      if (!dy || !filter) return undefined;
      const xShape = attrs.inputShape as number[];
      const g = geometry3d(info3d(args, xShape, inputs.filter.shape, false));
      return output(backend, xShape, (dx) => backwardData(native, dy, filter, dx, xShape, inputs.filter.shape, inputs.dy.shape, g, false), true);
    },
  },
  {
    kernelName: 'Conv3DBackpropFilterV2',
    run(args, native) {
      const { inputs, attrs, backend } = args;
      const x = values(backend, inputs.x);
      const dy = values(backend, inputs.dy);
      if (!x || !dy) return undefined;
      const filterShape = attrs.filterShape as number[];
      const g = geometry3d(info3d(args, inputs.x.shape, filterShape, false));
      return output(backend, filterShape, (dw) => backwardWeights(native, x, dy, dw, inputs.x.shape, filterShape, inputs.dy.shape, g, false), true);
    },
  },
];
