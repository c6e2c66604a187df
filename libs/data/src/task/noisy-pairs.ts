/**
 * image_to_image (denoising): each batch's clean examples become its targets, and its inputs a
 * noisy copy. The noise of an example comes from a stream named after the trial seed, the stage
 * (`train:<epoch>`: new noise every epoch, as DnCNN trains; `val`, `test`: the same noise in every
 * trial of that seed, so variants are compared on the same noisy images) and the example, so it
 * does not depend on batching.
 */
import { stream, UserError, type TaskSpec } from '@ablate/spec';
import type { Batch } from '../batches/batch';
import { gaussian } from '../augment/image-ops';

/** A batch of clean examples → the noisy inputs, with the clean examples as `values`. */
export type Pairing = (batch: Batch, stage: string) => Batch;

export function makePairing(task: TaskSpec | undefined, exampleShape: readonly number[], dtype: 'float32' | 'int32', seed: number): Pairing | undefined {
  if (task?.type !== 'image_to_image') return undefined;
  if (dtype !== 'float32' || exampleShape.length !== 3 || exampleShape[0] < 7 || exampleShape[1] < 7) {
    throw new UserError(`task image_to_image needs images of at least 7x7 [height, width, channels] as examples; these are ${dtype} ${JSON.stringify(exampleShape)}.`, {
      hint: 'Use it on image datasets (Fashion-MNIST, CIFAR-10, patches of a scene); PSNR and SSIM compare images.',
    });
  }
  const sigma = task.noise_sigma;
  return (batch, stage) => {
    const clean = batch.x as Float32Array;
    const x = Float32Array.from(clean);
    const size = clean.length / batch.items.length;
    batch.items.forEach((item, i) => {
      const random = stream(seed, 'task-noise', stage, String(item));
      for (let k = i * size; k < (i + 1) * size; k++) x[k] += sigma * gaussian(random);
    });
    return { ...batch, x, values: Float32Array.from(clean) };
  };
}
