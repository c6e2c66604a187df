/**
 * `mask_zero` on an embedding: the recurrent layers after it skip the padding (token id 0), so a
 * padded sequence gives the output of the same sequence without its padding, as PyTorch's packed
 * sequences do; without it the padding steps change the last state. Pooling over time leaves the
 * padded steps out of its mean and maximum.
 */
import type { DataFacts } from '@ablate/spec';
import { compileModel } from '../compile/compile-model';
import { tf } from '../tf';

const outputOf = (type: 'lstm' | 'gru', mask: boolean, tokens: number[], pool?: 'global_avg_pool' | 'global_max_pool') => {
  const recurrent = pool ? [{ type, units: 6, return_sequences: true }, { type: 'dropout', rate: 0.5 }, { type: pool }] : [{ type, units: 6 }];
  const layers = [{ type: 'embedding', vocab_size: 20, dim: 8, mask_zero: mask }, ...recurrent, { type: 'dense', units: 3 }];
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

  it.each([
    ['lstm', 'global_avg_pool'],
    ['lstm', 'global_max_pool'],
    ['gru', 'global_avg_pool'],
    ['gru', 'global_max_pool'],
  ] as const)('makes %s then %s over a padded sequence pool only its words', (type, pool) => {
    const words = [5, 7, 9, 2];
    const padded = [...words, 0, 0, 0, 0, 0, 0];
    const short = outputOf(type, true, words, pool);
    outputOf(type, true, padded, pool).forEach((v, i) => expect(v).toBeCloseTo(short[i], 5));
    const unmasked = outputOf(type, false, padded, pool);
    expect(unmasked.some((v, i) => Math.abs(v - short[i]) > 1e-3)).toBe(true);
  });

  it('pools a sequence of padding only to zeros, not to the lowest float', () => {
    const out = outputOf('lstm', true, [0, 0, 0, 0], 'global_max_pool');
    out.forEach((v) => expect(Number.isFinite(v)).toBe(true));
  });
});
