/** The initial values of one weight, for an initializer of the language. */
import type { InitializerName } from '@ablate/spec';
import type { Random } from '@ablate/spec';
import { fans, type Family, type KernelKind } from './fans';
import { constant, normal, truncatedNormal, uniform } from './samplers';
import { prod } from '../shape';

export type InitializerSpec =
  | InitializerName
  | { type: 'constant'; value: number }
  | { type: 'normal'; mean?: number; std: number }
  | { type: 'uniform'; min: number; max: number };

export interface WeightToInit {
  shape: number[];
  /** The kernel this weight belongs to (a bias uses its kernel's fans). */
  kernelShape: number[];
  kind: KernelKind;
  /** Embeddings: torch_default is N(0, 1) there, as nn.Embedding. */
  role: 'kernel' | 'bias' | 'embedding';
}

const FAMILY: Partial<Record<InitializerName, Family>> = {
  he_normal: 'keras',
  he_uniform: 'keras',
  glorot_uniform: 'keras',
  glorot_normal: 'keras',
  lecun_normal: 'keras',
};

export function initialValues(spec: InitializerSpec, weight: WeightToInit, random: Random): Float32Array {
  const n = prod(weight.shape);
  if (typeof spec !== 'string') {
    if (spec.type === 'constant') return constant(n, spec.value);
    if (spec.type === 'normal') return normal(random, n, spec.mean ?? 0, spec.std);
    return uniform(random, n, spec.min, spec.max);
  }
  const { fanIn, fanOut } = fans(weight.kind, weight.kernelShape, FAMILY[spec] ?? 'torch');
  switch (spec) {
    case 'zeros':
      return constant(n, 0);
    case 'ones':
      return constant(n, 1);
    case 'torch_default': {
      if (weight.role === 'embedding') return normal(random, n, 0, 1);
      const bound = 1 / Math.sqrt(fanIn);
      return uniform(random, n, -bound, bound);
    }
    case 'kaiming_normal':
      return normal(random, n, 0, Math.sqrt(2 / fanIn));
    case 'he_normal':
      return truncatedNormal(random, n, 0, Math.sqrt(2 / fanIn));
    case 'kaiming_uniform':
    case 'he_uniform': {
      const bound = Math.sqrt(6 / fanIn);
      return uniform(random, n, -bound, bound);
    }
    case 'glorot_uniform':
    case 'xavier_uniform': {
      const bound = Math.sqrt(6 / (fanIn + fanOut));
      return uniform(random, n, -bound, bound);
    }
    case 'glorot_normal':
      return truncatedNormal(random, n, 0, Math.sqrt(2 / (fanIn + fanOut)));
    case 'xavier_normal':
      return normal(random, n, 0, Math.sqrt(2 / (fanIn + fanOut)));
    case 'lecun_normal':
      return truncatedNormal(random, n, 0, Math.sqrt(1 / fanIn));
  }
}
