/**
 * The loss (and the number of correct predictions) of each training step, read back from the
 * device asynchronously: the loop goes on with the next steps while at most `depth` reads are in
 * flight, so a GPU is never left idle waiting for the CPU to look at a number. Steps are consumed
 * in order, so a non-finite loss is reported at the first step that had it. With depth 0 each step
 * is read before the next starts (the CPU backends, where a read costs nothing).
 */
import * as tf from '@tensorflow/tfjs-core';
import { webGpuFailure } from '@ablate/backend';
import { UserError } from '@ablate/spec';

export interface StepInfo {
  epoch: number;
  batch: number;
  lr: number;
  size: number;
}

interface Pending {
  info: StepInfo;
  tensors: tf.Tensor[];
  values: Promise<Array<ArrayLike<number>>>;
}

export class StepReadback {
  private readonly pending: Pending[] = [];

  constructor(
    private readonly depth: number,
    private readonly consume: (info: StepInfo, loss: number, hits: number) => void,
  ) {}

  /** Takes ownership of the step's scalars (disposed once read). */
  async push(info: StepInfo, loss: tf.Tensor, hits?: tf.Tensor): Promise<void> {
    const tensors = hits ? [loss, hits] : [loss];
    this.pending.push({ info, tensors, values: Promise.all(tensors.map((t) => t.data())) });
    while (this.pending.length > this.depth) await this.settle();
  }

  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.settle();
  }

  /** Frees what is still in flight (after an error); a read left unanswered is not awaited, so its failure is ignored. */
  dispose(): void {
    for (const p of this.pending.splice(0)) {
      p.values.catch(() => undefined);
      tf.dispose(p.tensors);
    }
  }

  private async settle(): Promise<void> {
    const step = this.pending.shift() as Pending;
    let values: Array<ArrayLike<number>>;
    try {
      values = await step.values;
    } finally {
      tf.dispose(step.tensors);
    }
    throwIfDeviceFailed(step.info);
    this.consume(step.info, values[0][0], values[1]?.[0] ?? 0);
  }
}

/** A GPU error (out of memory, a rejected command) makes every later number meaningless: stop at the step that saw it. */
export function throwIfDeviceFailed(info?: Pick<StepInfo, 'epoch' | 'batch'>): void {
  const failure = webGpuFailure();
  if (!failure) return;
  const where = info ? ` at epoch ${info.epoch + 1}, batch ${info.batch + 1}` : '';
  const first = failure.split('\n')[0].replace(/\.$/, '');
  const binding = /Binding size \((\d+)\).*maximum storage buffer binding size \((\d+)\)/.exec(first);
  const what = binding
    ? `a tensor of ${Math.round(Number(binding[1]) / 2 ** 20)} MiB is larger than this GPU lets one shader use (${Math.round(Number(binding[2]) / 2 ** 20)} MiB)`
    : first;
  throw new UserError(`the GPU reported an error${where}: ${what}.`, {
    hint: 'Lower training.batch_size (and eval_batch_size), or use a smaller model or input; --backend native trains on the CPU without this limit. Finished trials are kept.',
  });
}
