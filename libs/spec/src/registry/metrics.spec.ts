import { columnWithDefaults, monitorMode, reportWithDefaults, searchWithDefaults } from '../defaults';
import { columnDirection, historyColumns, METRICS, TRIAL_COLUMN_REGISTRY, taskOf, unrecordedMonitor } from './metrics';
import { Registry } from './registry';

describe('the metric registry', () => {
  it('refuses a second entry of the same name', () => {
    const registry = new Registry('metric', [{ name: 'oa', description: 'x' }]);
    expect(() => registry.add({ name: 'oa', description: 'y' })).toThrow('a metric named "oa" is already registered');
    expect(() => METRICS.add({ ...METRICS.get('oa')! })).toThrow(/already registered/);
  });

  it('gives every results column its direction: losses, errors, sizes and times are lower-is-better', () => {
    expect(['test.mse', 'val.loss', 'train.loss', 'test.mae', 'test.rmse', 'params', 'macs', 'train_seconds', 'seconds_per_epoch'].map(columnDirection)).toEqual(Array(9).fill('min'));
    expect(['test.oa', 'val.kappa', 'corrupt.gaussian_noise@snr_db=20.oa', 'test.psnr', 'test.ssim', 'test.r2', 'test.f1_macro'].map(columnDirection)).toEqual(Array(7).fill('max'));
    expect(['test.input_psnr', 'epochs', 'best_epoch', 'non_trainable_params'].map(columnDirection)).toEqual(Array(4).fill('none'));
    expect(columnDirection('test.top5')).toBeUndefined();
  });

  it('fills a report column from its metric unless the column says otherwise', () => {
    expect(columnWithDefaults({ metric: 'test.kappa' })).toEqual({ metric: 'test.kappa', label: 'Kappa (%)', scale: 100, precision: 2, format: 'fixed', better: 'max' });
    expect(columnWithDefaults({ metric: 'test.mse' })).toMatchObject({ label: 'MSE', scale: 1, precision: 4, better: 'min' });
    expect(columnWithDefaults({ metric: 'train_seconds' })).toMatchObject({ label: 'Training time (s)', better: 'min' });
    expect(columnWithDefaults({ metric: 'val.oa', scale: 1 })).toMatchObject({ label: 'Val. OA', scale: 1 });
    expect(columnWithDefaults({ metric: 'test.psnr', label: 'PSNR', better: 'none', precision: 1 })).toMatchObject({ label: 'PSNR', better: 'none', precision: 1 });
    expect(reportWithDefaults({ columns: [{ metric: 'params' }] }).columns).toEqual([{ metric: 'params', label: 'Params', scale: 1, precision: 0, format: 'fixed', better: 'min' }]);
  });

  it('says which history columns each task records, and the direction a monitor or search takes', () => {
    expect(historyColumns('classification')).toEqual(['train.loss', 'train.oa', 'val.loss', 'val.oa', 'val.aa', 'val.kappa']);
    expect(historyColumns('regression')).toEqual(['train.loss', 'val.loss', 'val.mse', 'val.mae']);
    expect(historyColumns('image_to_image')).toEqual(['train.loss', 'val.loss', 'val.mse', 'val.psnr', 'val.ssim']);
    expect([monitorMode('val.oa'), monitorMode('val.loss'), monitorMode('val.psnr'), monitorMode('train.loss')]).toEqual(['max', 'min', 'max', 'min']);
    expect(() => monitorMode('val.ao')).toThrow(/not a metric with a direction/);
    expect(searchWithDefaults({ metric: 'val.mse', trials: 4, space: {} } as never, 0).direction).toBe('minimize');
    expect(searchWithDefaults({ metric: 'val.kappa', trials: 4, space: {} } as never, 0).direction).toBe('maximize');
  });

  it('explains a monitor a trial does not record each epoch by its real cause', () => {
    expect(unrecordedMonitor('val.oa', 'classification')).toBeUndefined();
    expect(unrecordedMonitor('val.ao', 'classification')).toMatch(/^Did you mean `val.aa`\? A classification trial records these each epoch: /);
    expect(unrecordedMonitor('val.f1_macro', 'classification')).toMatch(/^val.f1_macro is recorded once, after training\. /);
    expect(unrecordedMonitor('test.oa', 'classification')).toMatch(/^A test metric is never watched during training\. /);
    expect(unrecordedMonitor('val.oa', 'regression')).toMatch(/^oa is a metric of classification trials\. A regression trial records these each epoch: train.loss, val.loss, val.mse, val.mae\.$/);
  });

  it('takes the task from `task`, else from the loss', () => {
    expect(taskOf({})).toBe('classification');
    expect(taskOf({ loss: { type: 'mae' } })).toBe('regression');
    expect(taskOf({ task: { type: 'image_to_image' }, loss: { type: 'mse' } })).toBe('image_to_image');
  });

  it('describes every entry, with a header and tasks for every metric', () => {
    for (const entry of [...METRICS.entries(), ...TRIAL_COLUMN_REGISTRY.entries()]) expect([entry.name, entry.description.length > 10, entry.label.length > 0]).toEqual([entry.name, true, true]);
    for (const metric of METRICS.entries()) {
      expect([metric.name, metric.tasks.length > 0]).toEqual([metric.name, true]);
      // A metric recorded each epoch is one the task computes.
      expect([metric.name, [...metric.epoch, ...metric.train].every((t) => metric.tasks.includes(t))]).toEqual([metric.name, true]);
    }
  });
});
