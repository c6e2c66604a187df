/**
 * `pixel_shuffle`: PyTorch's nn.PixelShuffle (Shi et al. 2016, ESPCN's sub-pixel convolution) for
 * channels-last maps: [h, w, c·r²] → [h·r, w·r, c], output (h·r + i, w·r + j, c) taking input channel
 * c·r² + i·r + j, PyTorch's order (tfjs's depthToSpace orders the channels the other way). Built
 * from TensorFlow.js's own Reshape and Permute layers: it saves, exports and converts to ONNX as
 * they do.
 */
import { LayerUseError, tfl } from '@ablate/models';
import { int } from '@ablate/spec';
import { defineLayer, withDefault } from '../../definition';

export default defineLayer({
  description: "Sub-pixel upsampling, as PyTorch's nn.PixelShuffle: [h, w, c·r²] → [h·r, w·r, c] (r = factor).",
  params: { factor: withDefault(int({ minimum: 1, description: 'The upscaling factor r: each axis grows r times, the channels shrink r² times.' }), 2) },
  build({ factor: r }, ctx) {
    const shape = ctx.inputShapes[0];
    if (shape.length !== 3) throw new LayerUseError(`takes [height, width, channels] maps; its input is ${JSON.stringify(shape)}.`, 'Put it after a 2-D convolution.');
    const [h, w, channels] = shape;
    if (channels % (r * r) !== 0) throw new LayerUseError(`needs channels divisible by factor² = ${r * r}; its input has ${channels}.`, `Give the convolution before it a multiple of ${r * r} filters.`);
    const c = channels / (r * r);
    return {
      layers: [
        tfl.layers.reshape({ name: `${ctx.name}_split`, targetShape: [h, w, c, r, r] }),
        // [h, w, c, i, j] → [h, i, w, j, c]
        tfl.layers.permute({ name: `${ctx.name}_interleave`, dims: [1, 4, 2, 5, 3] }),
        tfl.layers.reshape({ name: ctx.name, targetShape: [h * r, w * r, c] }),
      ],
      macs: 0,
    };
  },
});
