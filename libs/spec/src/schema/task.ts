/**
 * `task:` what the target of each example is. classification (the default): a class label;
 * regression: the label as a number (the default when the loss is mse or mae); image_to_image:
 * the clean example itself, the input being a corrupted copy (denoising).
 */
import { Type } from '@sinclair/typebox';
import { closed, num } from './primitives';
import { taggedUnion } from './tagged-union';

export const TASK_CATALOG = {
  classification: closed({}, { description: 'The target is the class label; the model outputs one score per class.' }),
  regression: closed({}, { description: 'The target is the label as a number; the model outputs one number.' }),
  image_to_image: closed(
    {
      noise_sigma: num({
        exclusiveMinimum: 0,
        description:
          'The input is the (preprocessed) example plus Gaussian noise of this standard deviation, drawn per example from the trial seed (anew each training epoch; fixed for validation and test); the target is the clean example. 25/255 = 0.098 for images scaled to [0, 1], as DnCNN.',
      }),
      data_range: Type.Optional(num({ exclusiveMinimum: 0, default: 1, description: 'The range of clean values (1 for images in [0, 1], 255 for bytes): the peak of PSNR and the L of SSIM.' })),
    },
    { description: 'Denoising: the model maps the noisy example to the clean one, of the same shape.' },
  ),
};

export const TaskSchema = taggedUnion('task', TASK_CATALOG);
