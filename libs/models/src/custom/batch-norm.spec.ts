/** BatchNorm's hand-written gradient equals autodiff of the textbook formula; running statistics follow PyTorch. */
import { tf } from '../tf';
import { BatchNorm } from './batch-norm';

describe('BatchNorm', () => {
  const x = tf.randomNormal([6, 3, 4], 1, 2, 'float32', 3);
  const R = tf.randomNormal([6, 3, 4], 0, 1, 'float32', 4);

  it('has the gradients of (x - mean) / sqrt(var + eps) * gamma + beta, for rank-3 inputs', () => {
    const layer = new BatchNorm({ momentum: 0.9, epsilon: 1e-3, center: true, scale: true });
    layer.build([null, 3, 4]);
    const [gamma, beta] = layer.getWeights();
    layer.setWeights([tf.tensor1d([0.5, 2, -1, 1.5]), tf.tensor1d([0.1, 0, -0.2, 0.3]), ...layer.getWeights().slice(2)]);
    const [g, b] = layer.getWeights().slice(0, 2);
    void gamma;
    void beta;
    const ours = tf.grads((xx, gg, bb) => {
      (layer as unknown as { gamma: { read(): tf.Tensor } }).gamma.read = () => gg;
      (layer as unknown as { beta: { read(): tf.Tensor } }).beta.read = () => bb;
      return tf.sum(tf.mul(layer.apply(xx, { training: true }) as tf.Tensor, R));
    })([x, g, b]);
    const reference = tf.grads((xx, gg, bb) => {
      const flat = tf.reshape(xx, [-1, 4]);
      const mean = tf.mean(flat, 0);
      const variance = tf.mean(tf.square(tf.sub(flat, mean)), 0);
      const y = tf.add(tf.mul(tf.div(tf.sub(flat, mean), tf.sqrt(tf.add(variance, 1e-3))), gg), bb);
      return tf.sum(tf.mul(tf.reshape(y, xx.shape), R));
    })([x, g, b]);
    ours.forEach((grad, i) => {
      const diff = tf.max(tf.abs(tf.sub(grad, reference[i]))).dataSync()[0];
      expect(diff).toBeLessThan(1e-4 * Math.max(1, tf.max(tf.abs(reference[i])).dataSync()[0]));
    });
  });

  it('updates the running statistics with the unbiased variance, and uses them in inference', () => {
    const layer = new BatchNorm({ momentum: 0.9, epsilon: 1e-3, center: true, scale: true });
    layer.apply(x, { training: true });
    const flat = tf.reshape(x, [-1, 4]);
    const { mean, variance } = tf.moments(flat, 0);
    const [, , movingMean, movingVariance] = layer.getWeights();
    expect(Array.from(movingMean.dataSync())).toEqual(Array.from(tf.mul(mean, 0.1).dataSync()).map((v) => expect.closeTo(v, 5)));
    const unbiased = tf.mul(variance, 18 / 17);
    expect(Array.from(movingVariance.dataSync())).toEqual(Array.from(tf.add(0.9, tf.mul(unbiased, 0.1)).dataSync()).map((v) => expect.closeTo(v, 5)));
  });
});
