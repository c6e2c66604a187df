/** One running trial's progress for its bar: epoch and batch, examples per second, time left. */
import { duration, fmt } from './format';

export class TrialMeter {
  private epoch = 0;
  private epochs = 1;
  private batches = 1;
  private batch = 0;
  private loss: number | undefined;
  private started = false;
  private epochStarted = 0;
  /** Seconds of training so far in finished epochs, and how many batches they had. */
  private pastSeconds = 0;
  private pastBatches = 0;

  constructor(
    private readonly batchSize: number,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {}

  epochStart(epoch: number, epochs: number, batches: number): void {
    if (this.started) {
      this.pastSeconds += this.now() - this.epochStarted;
      this.pastBatches += this.batch;
    }
    this.epoch = epoch;
    this.epochs = epochs;
    this.batches = batches;
    this.batch = 0;
    this.epochStarted = this.now();
    this.started = true;
  }

  batchDone(batch: number, loss: number): void {
    this.batch = batch;
    this.loss = loss;
  }

  /** Batches done out of all epochs', for the bar. */
  get value(): number {
    return this.epoch * this.batches + this.batch;
  }

  get total(): number {
    return this.epochs * this.batches;
  }

  /** "epoch 2/3 batch 120/300 | 850 ex/s | loss 0.4213 | ETA 1m 10s" (no rate or ETA before a batch is done). */
  text(): string {
    const head = `epoch ${this.epoch + 1}/${this.epochs} batch ${this.batch}/${this.batches}`;
    if (!this.started) return 'preparing data and model';
    const seconds = this.pastSeconds + (this.now() - this.epochStarted);
    const done = this.pastBatches + this.batch;
    if (done === 0 || seconds <= 0) return head;
    const perBatch = seconds / done;
    const rate = Math.round(this.batchSize / perBatch);
    return `${head} | ${rate} ex/s | loss ${fmt(this.loss)} | ETA ${duration(perBatch * (this.total - this.value))}`;
  }
}
