/**
 * `mask_zero` on an embedding: the recurrent layers after it skip the padding (token id 0), so a
 * padded sequence gives the output of the same sequence without its padding, as PyTorch's packed
 * sequences do; without it the padding steps change the last state.
 */
import type { DataFacts } from '@ablate/spec';
import { compileModel } from '../compile/compile-model';
import { tf } from '../tf';

const outputOf = (type: 'lstm' | 'gru', mask: boolean, tokens: number[]) => {
  const layers = [{ type: 'embedding', vocab_size: 20, dim: 8, mask_zero: mask }, { type, units: 6 }, { type: 'dense', units: 3 }];
  const facts = { classes: 3, input_shape: [tokens.length], input_dtype: 'int32' } as DataFacts;
  const { model } = compileModel({ layers } as never, facts, { seed: 1, name: 'masking' });
  // As the training loop runs the model (apply, training mode): the mask holds there too.
  const y = model.apply(tf.tensor2d([tokens], [1, tokens.length], 'int32'), { training: true }) as tf.Tensor;
  const out = Array.from(y.dataSync());
  tf.dispose(y);
  model.dispose();
  return out;
};

describe('mask_zero', () => {
  it.each(['lstm', 'gru'] as const)('makes a padded sequence give its unpadded output through an %s', (type) => {
    const words = [5, 7, 9];
    const padded = [...words, 0, 0, 0, 0, 0, 0, 0];
    const short = outputOf(type, true, words);
    outputOf(type, true, padded).forEach((v, i) => expect(v).toBeCloseTo(short[i], 5));
    // Without the mask the seven padding steps move the state.
    const unmasked = outputOf(type, false, padded);
    expect(unmasked.some((v, i) => Math.abs(v - short[i]) > 1e-3)).toBe(true);
  });
});
