import { Type } from '@sinclair/typebox';
import { closed, int } from '../primitives';
import { convolution } from './options';

function conv(rank: 1 | 2 | 3) {
  const { description, ...fields } = convolution(`${rank}-D convolution (channels last).`, true);
  return closed(
    { ...fields, groups: Type.Optional(int({ minimum: 1, default: 1, description: 'Grouped convolution, as PyTorch `groups`.' })) },
    { description },
  );
}

function depthwise() {
  const { description, ...fields } = convolution('Depthwise 2-D convolution: one filter per input channel.', false);
  return closed({ ...fields, depth_multiplier: Type.Optional(int({ minimum: 1, default: 1 })) }, { description });
}

function separable() {
  const { description, ...fields } = convolution('Depthwise then pointwise 2-D convolution.', true);
  return closed({ ...fields, depth_multiplier: Type.Optional(int({ minimum: 1, default: 1 })) }, { description });
}

export const CONV_LAYERS = {
  conv1d: conv(1),
  conv2d: conv(2),
  conv3d: conv(3),
  depthwise_conv2d: depthwise(),
  separable_conv2d: separable(),
};
