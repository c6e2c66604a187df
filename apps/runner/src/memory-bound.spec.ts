/**
 * A data set whose float32 form is larger than the memory the process may use trains to the end:
 * the examples stay as loaded (uint8) and each batch is converted on its own. `exec` runs in a
 * memory cgroup (v1 or v2, as root) capped at 900 MiB on a SYNTHETIC IDX data set of 320,000 28x28
 * images: 251 MB as bytes, 1,003 MB as float32. Skips, saying why, where no memory cgroup can be
 * made; CI sets ABLATE_REQUIRE_FAULTS=1 so that it fails instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const LIMIT = 900 * 2 ** 20;
const IMAGES = 320_000;

/** A fresh memory cgroup with the limit, or why there is none: [folder, the file that says usage peak]. */
function memoryCgroup(): { dir: string; peak: string } | string {
  const name = `ablate-memory-${process.pid}`;
  const v1 = '/sys/fs/cgroup/memory';
  try {
    if (existsSync(join(v1, 'memory.limit_in_bytes'))) {
      const dir = join(v1, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'memory.limit_in_bytes'), String(LIMIT));
      return { dir, peak: join(dir, 'memory.max_usage_in_bytes') };
    }
    if (readFileSync('/sys/fs/cgroup/cgroup.controllers', 'utf8').includes('memory')) {
      const dir = join('/sys/fs/cgroup', name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'memory.max'), String(LIMIT));
      return { dir, peak: join(dir, 'memory.peak') };
    }
    return 'this machine has no memory cgroup controller';
  } catch (error) {
    return `a memory cgroup cannot be made here (${(error as Error).message.split('\n')[0]}; it needs root)`;
  }
}

const cgroup = memoryCgroup();
if (process.env.ABLATE_REQUIRE_FAULTS && typeof cgroup === 'string') throw new Error(`ABLATE_REQUIRE_FAULTS is set but ${cgroup}`);

/** IDX image and label files; each class draws its own stripes, so a linear model learns them. */
function writeIdx(dir: string, part: string, count: number, offset: number): void {
  const images = Buffer.alloc(16 + count * 784);
  images.writeUInt32BE(2051, 0);
  images.writeUInt32BE(count, 4);
  images.writeUInt32BE(28, 8);
  images.writeUInt32BE(28, 12);
  const labels = Buffer.alloc(8 + count);
  labels.writeUInt32BE(2049, 0);
  labels.writeUInt32BE(count, 4);
  for (let i = 0; i < count; i++) {
    const label = (i + offset) % 10;
    labels[8 + i] = label;
    for (let p = 0; p < 784; p++) images[16 + i * 784 + p] = p % 28 === label * 2 ? 200 : (i * 31 + p * 7) % 40;
  }
  writeFileSync(join(dir, `${part}-images`), images);
  writeFileSync(join(dir, `${part}-labels`), labels);
}

(typeof cgroup === 'string' ? describe.skip : describe)(`bounded memory${typeof cgroup === 'string' ? ` (skipped: ${cgroup})` : ''}`, () => {
  afterAll(() => {
    if (typeof cgroup !== 'string') rmdirSync(cgroup.dir);
  });

  it('trains on a data set whose float32 form is larger than the memory the process may use', () => {
    const { dir: group, peak } = cgroup as { dir: string; peak: string };
    const dir = mkdtempSync(join(tmpdir(), 'ablate-bounded-'));
    writeIdx(dir, 'train', IMAGES, 0);
    writeIdx(dir, 'test', 1000, 3);
    expect(IMAGES * 784 * 4).toBeGreaterThan(LIMIT);
    writeFileSync(
      join(dir, 'big.yaml'),
      [
        'dataset: { type: idx, train_images: train-images, train_labels: train-labels, test_images: test-images, test_labels: test-labels }',
        'preprocessing: [{ type: scale, factor: 0.00392156862745098 }]',
        'split: { type: given }',
        'model: { layers: [{ type: flatten }, { type: dense, units: 10 }] }',
        'optimizer: { type: adam, lr: 0.01 }',
        'training: { epochs: 1, batch_size: 500, max_steps_per_epoch: 20 }',
        'report: { plots: false }',
      ].join('\n'),
    );
    const command = `echo $$ > ${join(group, 'cgroup.procs')} && exec ${process.execPath} ${join(ROOT, 'apps', 'runner', 'bin', 'ablate.cjs')} exec --experiment ${join(dir, 'big.yaml')} --set results_dir=${join(dir, 'results')}`;
    const run = spawnSync('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: expect.any(String) });
    expect(run.stdout).toMatch(/1 trial\(s\) done, 0 failed/);
    const used = Number(readFileSync(peak, 'utf8'));
    expect(used).toBeLessThanOrEqual(LIMIT);
  }, 300_000);
});
