/**
 * A plug-in optimizer and schedule (experiments/plugins/training-components.ts) as training uses
 * them: written in YAML like built-ins, their parameters filled with their defaults (and `lr`,
 * `weight_decay`, `warmup_epochs`, which every optimizer or schedule takes); Lion moves each weight
 * by lr times the sign of its rule, keeps its momentum as a slot that checkpoints carry; one-cycle
 * gives PyTorch's OneCycleLR (cosine) rates after ablate's warm-up.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@ablate/backend';
import { clearExtensions, loadPlugins, withDefaults, type OptimizerSpec, type ScheduleSpec } from '@ablate/spec';
import { createOptimizer, createSchedule } from '@ablate/training';
import './host';

const ROOT = join(__dirname, '..', '..', '..');

describe('a plug-in optimizer and schedule', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
    clearExtensions();
    loadPlugins([{ file: join(ROOT, 'experiments', 'plugins', 'training-components.ts'), shown: 'experiments/plugins/training-components.ts' }]);
  });

  it('are filled with their defaults and the parameters every optimizer and schedule takes', () => {
    const config = withDefaults({ optimizer: { type: 'lion' }, schedule: { type: 'one_cycle' }, training: { epochs: 10, batch_size: 2 } } as never) as unknown as { optimizer: OptimizerSpec; schedule: ScheduleSpec };
    expect(config.optimizer).toEqual({ type: 'lion', lr: 1e-4, beta1: 0.9, beta2: 0.99, weight_decay: 0 });
    expect(config.schedule).toEqual({ type: 'one_cycle', pct_start: 0.3, div_factor: 25, final_div_factor: 1e4, warmup_epochs: 0 });
  });

  it('Lion: w -= lr * (sign(beta1 m + (1 - beta1) g) + wd w), m = beta2 m + (1 - beta2) g, the momentum a checkpointed slot', async () => {
    const spec = withDefaults({ optimizer: { type: 'lion', weight_decay: 0.1 }, training: { epochs: 1, batch_size: 2 } } as never) as unknown as { optimizer: OptimizerSpec };
    const optimizer = createOptimizer(spec.optimizer);
    const w = tf.variable(tf.tensor1d([1, -2, 0.5]));
    let m = [0, 0, 0];
    let expected = [1, -2, 0.5];
    for (const g of [[0.3, -0.1, 0], [-0.2, 0.4, 0.05]]) {
      optimizer.step([w], [tf.tensor1d(g)], 0.01);
      const direction = m.map((mi, i) => Math.sign(0.9 * mi + 0.1 * g[i]));
      expected = expected.map((wi, i) => wi * (1 - 0.01 * 0.1) - 0.01 * direction[i]);
      m = m.map((mi, i) => 0.99 * mi + 0.01 * g[i]);
    }
    Array.from(await w.data()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    const state = optimizer.state();
    expect([state.step, Object.keys(state.slots)]).toEqual([2, ['0/momentum']]);
    Array.from(await state.slots['0/momentum'].data()).forEach((v, i) => expect(v).toBeCloseTo(m[i], 6));
  });

  it("one-cycle rises from base/25 to base by 30% of the epochs, falls to base/25e4, after ablate's warm-up", () => {
    const spec = (withDefaults({ schedule: { type: 'one_cycle', warmup_epochs: 1 }, training: { epochs: 11, batch_size: 2 } } as never) as unknown as { schedule: ScheduleSpec }).schedule;
    const schedule = createSchedule(spec, 0.1, 11);
    // One step per epoch: the warm-up's one step, then the 10 epochs of the cycle.
    expect(schedule.at(0, 0, 1)).toBeCloseTo(0.1, 12);
    expect(schedule.at(1, 0, 1)).toBeCloseTo(0.1 / 25, 12);
    expect(schedule.at(4, 0, 1)).toBeCloseTo(0.1, 12);
    expect(schedule.at(11, 0, 1)).toBeCloseTo(0.1 / 25 / 1e4, 12);
    const rates = Array.from({ length: 10 }, (_, e) => schedule.at(e + 1, 0, 1));
    expect(rates.slice(0, 4).every((r, i, a) => i === 0 || r > a[i - 1])).toBe(true);
    expect(rates.slice(3).every((r, i, a) => i === 0 || r < a[i - 1])).toBe(true);
  });
});
