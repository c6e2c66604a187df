import { Type } from '@sinclair/typebox';
import { choice, closed, int, intOrTuple } from '../primitives';
import { convolution, WEIGHTS } from './options';

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

function transposed(rank: 2 | 3) {
  return closed(
    {
      filters: int({ minimum: 1 }),
      kernel: intOrTuple({ minimum: 1, maxItems: rank, description: 'Window size, one value or one per axis.' }),
      strides: Type.Optional(intOrTuple({ minimum: 1, maxItems: rank, default: 1 })),
      padding: Type.Optional(intOrTuple({ minimum: 0, maxItems: rank, default: 0, description: "PyTorch's padding: cropped from each side of the output." })),
      output_padding: Type.Optional(intOrTuple({ minimum: 0, maxItems: rank, default: 0, description: "PyTorch's output_padding: rows added at the end of each axis (below the stride, and at most the padding)." })),
      ...WEIGHTS,
    },
    { description: `${rank}-D transposed convolution, as PyTorch's ConvTranspose${rank}d: output (in - 1) * stride - 2 * padding + kernel + output_padding per axis.` },
  );
}

function upsampling(rank: 2 | 3) {
  return closed(
    {
      size: intOrTuple({ minimum: 1, maxItems: rank, description: 'The factor of each spatial axis.' }),
      mode: Type.Optional(
        choice(['nearest', 'bilinear'] as const, { default: 'nearest', description: "As PyTorch's nn.Upsample with align_corners=False (bilinear on 3-D maps: trilinear)." }),
      ),
    },
    { description: `${rank}-D upsampling by integer factors.` },
  );
}

export const CONV_LAYERS = {
  conv1d: conv(1),
  conv2d: conv(2),
  conv3d: conv(3),
  depthwise_conv2d: depthwise(),
  separable_conv2d: separable(),
  conv2d_transpose: transposed(2),
  conv3d_transpose: transposed(3),
  upsampling2d: upsampling(2),
  upsampling3d: upsampling(3),
};
