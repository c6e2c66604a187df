/**
 * fan_in / fan_out of a kernel, as each framework computes them. They differ only for depthwise
 * kernels: PyTorch sees a depthwise conv as a grouped conv (weight [C*m, 1, kh, kw]), Keras as a
 * kernel [kh, kw, C, m]. Initialisers named after PyTorch (kaiming_*, xavier_*, torch_default) use
 * PyTorch's fans; those named after Keras (he_*, glorot_*, lecun_*) use Keras's.
 */
import { prod } from '../shape';

/** How a kernel's axes are laid out. */
export type KernelKind = 'dense' | 'conv' | 'depthwise' | 'embedding';
export type Family = 'torch' | 'keras';

export interface Fans {
  fanIn: number;
  fanOut: number;
}

export function fans(kind: KernelKind, shape: readonly number[], family: Family): Fans {
  switch (kind) {
    case 'dense':
    case 'embedding':
      return { fanIn: shape[0], fanOut: shape[shape.length - 1] };
    case 'conv': {
      // [...kernel, in/groups, out]
      const receptive = prod(shape.slice(0, -2));
      return { fanIn: shape[shape.length - 2] * receptive, fanOut: shape[shape.length - 1] * receptive };
    }
    case 'depthwise': {
      // [kh, kw, channels, multiplier]
      const receptive = prod(shape.slice(0, -2));
      const [channels, multiplier] = shape.slice(-2);
      return family === 'torch'
        ? { fanIn: receptive, fanOut: channels * multiplier * receptive }
        : { fanIn: channels * receptive, fanOut: multiplier * receptive };
    }
  }
}
