import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { leanVariableGrads } from './lean-gradients';

type CustomGrad = Parameters<typeof tf.customGrad>[0];

/** A small network with shared inputs (x used twice), an identity, a reshape, a custom gradient and a frozen variable. */
let made = 0;
function network() {
  made++;
  const w1 = tf.variable(tf.randomNormal([8, 16], 0, 0.3, 'float32', 1), true, `w1_${made}`);
  const w2 = tf.variable(tf.randomNormal([16, 4], 0, 0.3, 'float32', 2), true, `w2_${made}`);
  const b = tf.variable(tf.zeros([4]), true, `b_${made}`);
  const frozen = tf.variable(tf.ones([4]), false, `frozen_${made}`);
  const x = tf.randomNormal([5, 8], 0, 1, 'float32', 3);
  const offset = tf.randomNormal([1, 4], 0, 1, 'float32', 4); // a constant: no gradient wanted
  const square = tf.customGrad(((a: tf.Tensor, save: tf.GradSaveFunc) => {
    save([a]);
    return { value: tf.square(a), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.mul(saved[0], 2)) };
  }) as unknown as CustomGrad) as (a: tf.Tensor) => tf.Tensor;
  const f = () => {
    const h = tf.relu(tf.matMul(x, w1));
    const twice = tf.add(h, tf.clone(h)); // the same tensor reaches the loss twice
    const y = tf.add(tf.add(tf.matMul(tf.reshape(square(twice), [5, 16]), w2), b), offset); // broadcast adds
    return tf.mean(tf.mul(y, frozen)) as tf.Scalar;
  };
  return { f, variables: [w1, w2, b, frozen], dispose: () => tf.dispose([w1, w2, b, frozen, x, offset]) };
}

describe('leanVariableGrads', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives the same value and gradients as tf.variableGrads, bit for bit, for the trainable variables only', () => {
    const net = network();
    const ours = leanVariableGrads(net.f, net.variables);
    const theirs = tf.variableGrads(net.f, net.variables);
    const names = net.variables.slice(0, 3).map((v) => v.name);
    expect(Object.keys(ours.grads)).toEqual(names);
    expect(theirs.grads[net.variables[3].name]).toBeNull();
    expect(ours.value.dataSync()).toEqual(theirs.value.dataSync());
    for (const name of names) expect(Buffer.from(ours.grads[name].dataSync().buffer)).toEqual(Buffer.from(theirs.grads[name].dataSync().buffer));
    tf.dispose([ours.value, theirs.value, ...Object.values(ours.grads), ...names.map((n) => theirs.grads[n])]);
    net.dispose();
  });

  it('leaves nothing behind but its results, and holds less memory than tf.variableGrads when its backward pass reaches the first layer', () => {
    made++;
    const layers = Array.from({ length: 8 }, (_, i) => tf.variable(tf.randomNormal([64, 64], 0, 0.1, 'float32', i), true, `chain${i}_${made}`));
    const x = tf.randomNormal([128, 64], 0, 1, 'float32', 9);
    let held = 0;
    // The gradient of this identity runs once the backward pass has gone through every later layer.
    const probe = tf.customGrad(((a: tf.Tensor) => ({ value: tf.clone(a), gradFunc: (dy: tf.Tensor) => ((held = tf.memory().numBytes), tf.clone(dy)) })) as unknown as CustomGrad) as (a: tf.Tensor) => tf.Tensor;
    const f = () => tf.mean(layers.slice(1).reduce((h: tf.Tensor, w) => tf.relu(tf.matMul(h, w)), probe(tf.matMul(x, layers[0])))) as tf.Scalar;
    const before = tf.memory().numTensors;
    const heldBy = (grads: typeof leanVariableGrads) => {
      const { value, grads: g } = grads(f, layers);
      tf.dispose([value, ...Object.values(g)]);
      return held - tf.memory().numBytes;
    };
    const lean = heldBy(leanVariableGrads);
    const tfjs = heldBy((g, v) => tf.variableGrads(g, [...v]) as ReturnType<typeof leanVariableGrads>);
    expect(tf.memory().numTensors).toBe(before);
    // tfjs holds every later activation and its gradient to the end of the backward pass; here each goes once used.
    expect(lean).toBeLessThan(0.5 * tfjs);
    tf.dispose([...layers, x]);
  });

  it('keeps no input of an Add for the backward pass (tfjs keeps both for their shapes), and puts tfjs\'s Add gradient back', () => {
    made++;
    const w = tf.variable(tf.randomNormal([64, 1024], 0, 0.1, 'float32', 5), true, `wide_${made}`);
    const bias = tf.variable(tf.zeros([1024]), true, `bias_${made}`);
    const x = tf.randomNormal([256, 64], 0, 1, 'float32', 6);
    let held = 0;
    const probe = tf.customGrad(((a: tf.Tensor) => ({ value: tf.clone(a), gradFunc: (dy: tf.Tensor) => ((held = tf.memory().numBytes), tf.clone(dy)) })) as unknown as CustomGrad) as (a: tf.Tensor) => tf.Tensor;
    // The product (1 MB) feeds only the Add: once the Add has run, nothing needs it.
    const f = () => tf.mean(probe(tf.add(tf.matMul(x, w), bias))) as tf.Scalar;
    const heldBy = (grads: typeof leanVariableGrads) => {
      const { value, grads: g } = grads(f, [w, bias]);
      const out = [value, ...Object.values(g)].map((t) => Buffer.from(t.dataSync().buffer));
      tf.dispose([value, ...Object.values(g)]);
      return { held, out };
    };
    const lean = heldBy(leanVariableGrads);
    const tfjs = heldBy((g, v) => tf.variableGrads(g, [...v]) as ReturnType<typeof leanVariableGrads>);
    expect(lean.out).toEqual(tfjs.out);
    expect(tfjs.held - lean.held).toBeGreaterThanOrEqual(256 * 1024 * 4);
    expect(tf.getGradient('Add').inputsToSave).toEqual(['a', 'b']);
    tf.dispose([w, bias, x]);
  });

  it('refuses to run inside another gradient', () => {
    const net = network();
    const v = tf.variable(tf.scalar(1), true, `outer_${made}`);
    expect(() => tf.variableGrads(() => tf.mul(leanVariableGrads(net.f, net.variables).value, v) as tf.Scalar, [v])).toThrow(/cannot run inside another gradient/);
    net.dispose();
    v.dispose();
  });
});
