/**
 * Benchmark: decoding a folder of images, ablate (sharp/libvips in its decode worker, files read
 * and the worker started included) against Python's PIL (Debian's python3-pil, decoding the same
 * files into one numpy array, its interpreter start excluded), alternately A B A B for --rounds
 * rounds, on REAL Fashion-MNIST test images that PIL writes once as PNG and as JPEG (quality 95).
 * Then a later run or trial on the same folder: the image_folder dataset loaded with its files'
 * digests and decoded images from ablate's caches (no image read).
 *   npx nx run bench:images [--images 10000] [--rounds 5]
 * Prints, per format: images/s of each side (min/median/max), the per-round ratio ablate / PIL,
 * the cached read's images/s and its ratio to the first decode, and the peak RSS of this process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearDatasetCache, decodeImages, loadDataset } from '@ablate/data';
import { alternate, ratios, roundsOf, spread } from './protocol';

const PYTHON = '/usr/bin/python3';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const WRITE = `
import gzip, os, sys
from PIL import Image
n, out = int(sys.argv[1]), sys.argv[2]
with gzip.open('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz') as f:
    images = f.read()[16:]
for ext, kwargs in [('png', {}), ('jpg', {'quality': 95})]:
    os.makedirs(os.path.join(out, ext, 'all'), exist_ok=True)
    for i in range(n):
        Image.frombytes('L', (28, 28), images[i * 784:(i + 1) * 784]).save(os.path.join(out, ext, 'all', f'{i:05d}.{ext}'), **kwargs)
`;

const DECODE = `
import os, sys, time
import numpy as np
from PIL import Image
folder = sys.argv[1]
files = sorted(os.listdir(folder))
start = time.perf_counter()
out = np.stack([np.asarray(Image.open(os.path.join(folder, f)).convert('L')) for f in files])
print(len(files) / (time.perf_counter() - start))
`;

/** The first decode: every file read and decoded (the decoded cache left out). */
function ablateRate(folder: string): number {
  const start = performance.now();
  const names = readdirSync(join(folder, 'all')).sort();
  const files = names.map((n) => ({ path: join(folder, 'all', n), shown: n }));
  const decoded = decodeImages(files, (i) => readFileSync(files[i].path), { channels: 1 }, { cache: false });
  if (decoded.dims[0] !== names.length) throw new Error(`decoded ${decoded.dims[0]} of ${names.length} images`);
  return names.length / ((performance.now() - start) / 1000);
}

/** A later run or trial: the image folder loaded as a dataset, its files' digests and decoded images from ablate's caches. */
function cachedRate(folder: string, count: number): number {
  clearDatasetCache();
  const start = performance.now();
  const data = loadDataset({ type: 'image_folder', path: folder, channels: 1 } as never, { baseDir: '/' });
  if (data.kind !== 'examples' || data.y.length !== count) throw new Error(`loaded ${data.kind === 'examples' ? data.y.length : 0} of ${count} images`);
  return count / ((performance.now() - start) / 1000);
}

function pilRate(folder: string): number {
  return Number(execFileSync(PYTHON, ['-c', DECODE, folder], { encoding: 'utf8' }).trim());
}

function main(): void {
  const count = Number(option('images') ?? 10000);
  const rounds = roundsOf(option('rounds'));
  const dir = mkdtempSync(join(tmpdir(), 'ablate-bench-images-'));
  try {
    execFileSync(PYTHON, ['-c', WRITE, String(count), dir]);
    console.log(`images ${count} (Fashion-MNIST test images, 28x28 grey, written by PIL)`);
    for (const format of ['png', 'jpg']) {
      const folder = join(dir, format);
      const { a, b } = alternate(
        rounds,
        () => ablateRate(folder),
        () => pilRate(join(folder, 'all')),
      );
      cachedRate(folder, count);
      const cached = Array.from({ length: rounds }, () => cachedRate(folder, count));
      console.log(`${format}_ablate_images_per_s ${spread(a, 0)}`);
      console.log(`${format}_pil_images_per_s ${spread(b, 0)}`);
      console.log(`${format}_ratio_ablate_vs_pil ${spread(ratios(a, b), 2)}`);
      console.log(`${format}_cached_images_per_s ${spread(cached, 0)}`);
      console.log(`${format}_cached_vs_first_decode ${spread(ratios(cached, a), 1)}`);
    }
    console.log(`peak_rss_mb ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
