/**
 * Max and average pooling, 2-D and 3-D, and their gradients (tfjs's padding and averaging rules).
 *
 * A max pool run while gradients are recorded keeps, per output value, where its gradient goes:
 * the gradient kernel then adds dy there instead of searching every window again
 * (MaxPoolGrad was the Fashion-MNIST CNN's costliest kernel). The positions are kept by the
 * output's dataId, which tfjs's gradient passes back (its saved output shares the forward's
 * dataId), with the input's dataId and the geometry to check they belong to this gradient call;
 * they are dropped once used (or when the output is garbage collected). Without them — a pool run
 * outside a gradient tape, another input — the gradient searches the windows as before; both ways
 * give the same bits.
 */
import { backend_util, engine, type DataId, type TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBinding } from './binding';
import { output, values, type KernelArgs, type NativeKernelSpec } from './kernel-kit';

interface Pool {
  xShape: number[];
  outShape: number[];
  window: number[];
  strides: number[];
  pad: number[];
}

/** 2-D pools are 3-D pools of depth 1 for the native code. */
function pool2d({ attrs }: KernelArgs, xShape: number[]): Pool {
  const info = backend_util.computePool2DInfo(xShape as [number, number, number, number], attrs.filterSize as [number, number], attrs.strides as [number, number], 1, attrs.pad as 'valid', attrs.dimRoundingMode as 'floor');
  const [n, h, w, c] = xShape;
  return {
    xShape: [n, 1, h, w, c],
    outShape: [n, 1, info.outHeight, info.outWidth, c],
    window: [1, info.filterHeight, info.filterWidth],
    strides: [1, info.strideHeight, info.strideWidth],
    pad: [0, info.padInfo.top, info.padInfo.left],
  };
}

function pool3d({ attrs }: KernelArgs, xShape: number[]): Pool | undefined {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NDHWC') return undefined;
  const info = backend_util.computePool3DInfo(xShape as [number, number, number, number, number], attrs.filterSize as [number, number, number], attrs.strides as [number, number, number], 1, attrs.pad as 'valid', attrs.dimRoundingMode as 'floor');
  return {
    xShape,
    outShape: info.outShape,
    window: [info.filterDepth, info.filterHeight, info.filterWidth],
    strides: [info.strideDepth, info.strideHeight, info.strideWidth],
    pad: [info.padInfo.front, info.padInfo.top, info.padInfo.left],
  };
}

/** Where each max-pool output's gradient goes, by the output's dataId (see the file's comment). */
interface Positions {
  indices: Int32Array;
  x: DataId;
  geometry: string;
}
const positions = new WeakMap<DataId, Positions>();

/** How often max pools kept their positions and gradients used them (tests read it). */
export const maxPoolPositions = { kept: 0, used: 0 };

const recordingGradients = () => (engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth > 0;
const geometryKey = (p: Pool) => JSON.stringify([p.xShape, p.outShape, p.window, p.strides, p.pad]);

function forward(args: KernelArgs, native: NativeBinding, max: boolean, rank: 2 | 3): TensorInfo | undefined {
  const x = values(args.backend, args.inputs.x);
  if (!x) return undefined;
  const p = rank === 2 ? pool2d(args, args.inputs.x.shape) : pool3d(args, args.inputs.x.shape);
  if (!p) return undefined;
  const shape = rank === 2 ? [p.outShape[0], p.outShape[2], p.outShape[3], p.outShape[4]] : p.outShape;
  if (!max || !recordingGradients()) return output(args.backend, shape, (o) => native.pool(x, o, max, p.xShape, p.outShape, p.window, p.strides, p.pad), true);
  let indices: Int32Array | undefined;
  const out = output(args.backend, shape, (o) => {
    indices = new Int32Array(o.length);
    native.maxPoolWithIndices(x, o, indices, p.xShape, p.outShape, p.window, p.strides, p.pad);
  }, true);
  positions.set(out.dataId, { indices: indices as Int32Array, x: args.inputs.x.dataId, geometry: geometryKey(p) });
  maxPoolPositions.kept++;
  return out;
}

function backward(args: KernelArgs, native: NativeBinding, max: boolean, rank: 2 | 3): TensorInfo | undefined {
  const dy = values(args.backend, args.inputs.dy);
  const x = values(args.backend, args.inputs.input);
  if (!dy || !x) return undefined;
  const p = rank === 2 ? pool2d(args, args.inputs.input.shape) : pool3d(args, args.inputs.input.shape);
  if (!p) return undefined;
  const kept = max && args.inputs.output ? positions.get(args.inputs.output.dataId) : undefined;
  if (kept && kept.x === args.inputs.input.dataId && kept.geometry === geometryKey(p) && kept.indices.length === dy.length) {
    positions.delete(args.inputs.output.dataId);
    maxPoolPositions.used++;
    return output(args.backend, args.inputs.input.shape, (dx) => native.maxPoolGradFromIndices(dy, kept.indices, dx, p.xShape, p.outShape), true);
  }
  return output(args.backend, args.inputs.input.shape, (dx) => native.poolGrad(dy, x, dx, max, p.xShape, p.outShape, p.window, p.strides, p.pad), true);
}

export const POOL_KERNELS: NativeKernelSpec[] = [
  { kernelName: 'MaxPool', run: (a, n) => forward(a, n, true, 2) },
  { kernelName: 'AvgPool', run: (a, n) => forward(a, n, false, 2) },
  { kernelName: 'MaxPool3D', run: (a, n) => forward(a, n, true, 3) },
  { kernelName: 'AvgPool3D', run: (a, n) => forward(a, n, false, 3) },
  { kernelName: 'MaxPoolGrad', run: (a, n) => backward(a, n, true, 2) },
  { kernelName: 'AvgPoolGrad', run: (a, n) => backward(a, n, false, 2) },
  { kernelName: 'MaxPool3DGrad', run: (a, n) => backward(a, n, true, 3) },
  { kernelName: 'AvgPool3DGrad', run: (a, n) => backward(a, n, false, 3) },
];
