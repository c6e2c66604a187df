import { Type } from '@sinclair/typebox';
import { choice, closed, int, num } from '../primitives';

const plain = (description: string) => closed({}, { description });

export const ACTIVATION_LAYERS = {
  relu: plain('max(x, 0)'),
  relu6: plain('min(max(x, 0), 6) (MobileNet)'),
  leaky_relu: closed(
    { alpha: Type.Optional(num({ minimum: 0, default: 0.01, description: 'Negative slope (PyTorch default 0.01).' })) },
    { description: 'x if x > 0 else alpha*x' },
  ),
  prelu: plain('Leaky ReLU with a learned slope per channel.'),
  elu: closed({ alpha: Type.Optional(num({ minimum: 0, default: 1 })) }, { description: 'Exponential linear unit.' }),
  selu: plain('Scaled ELU (self-normalising networks).'),
  gelu: closed(
    { approximate: Type.Optional(choice(['none', 'tanh'] as const, { default: 'none' })) },
    { description: 'Gaussian error linear unit; `approximate: tanh` is the GPT-2 formula.' },
  ),
  sigmoid: plain('1 / (1 + exp(-x))'),
  tanh: plain('Hyperbolic tangent.'),
  softmax: closed({ axis: Type.Optional(int({ default: -1 })) }, { description: 'Softmax; not needed before a cross-entropy loss, which takes logits.' }),
  swish: plain('x * sigmoid(x)'),
};
