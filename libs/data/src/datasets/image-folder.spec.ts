/**
 * image_folder on REAL Fashion-MNIST images written by PIL (tools/image-data): the PNG class folders
 * under train/ and test/ hold the IDX files' images value for value, with their split; the other
 * formats (16-bit PNG, RGBA PNG, BMP, JPEG) decode to the same pixels (JPEG within its loss); sizes,
 * channels, manifests, the val/ folder and broken files as a user meets them.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cacheDir } from '@ablate/spec';
import { decodeImages } from '../formats/decoded';
import { makeSplit } from '../split/make-split';
import { describeFashionMnist } from '../testing/paths';
import type { ExampleDataset } from './dataset';
import { loadDataset } from './load-dataset';

const IMAGES = join(__dirname, '..', '..', '..', '..', 'data', 'images');
const load = (spec: object, baseDir = IMAGES) => loadDataset({ type: 'image_folder', ...spec } as never, { baseDir }) as ExampleDataset;
const SORTED = ['Ankle_boot', 'Bag', 'Coat', 'Dress', 'Pullover', 'Sandal', 'Shirt', 'Sneaker', 'T-shirt_top', 'Trouser'];
const IDX_ORDER = ['T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot'];

/** The decoded pixels of files of the formats folder, by their name's end. */
function formats(ending: string, channels?: number): Uint8Array {
  const files = ['T-shirt_top', 'Trouser'].flatMap((c) => readdirSync(join(IMAGES, 'formats', c)).filter((f) => f.endsWith(ending)).sort().map((f) => ({ path: join(IMAGES, 'formats', c, f), shown: f })));
  return decodeImages(files, (i) => readFileSync(files[i].path), channels ? { channels } : {}).data as Uint8Array;
}

function error(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).message} ${(e as { hint?: string }).hint ?? ''}`;
  }
  return 'no error';
}

describeFashionMnist('image_folder on Fashion-MNIST PNG files', () => {
  const idx = (file: string, header: number) => gunzipSync(readFileSync(join('/usr/share/datasets/fashion-mnist', file))).subarray(header);

  it('holds the IDX images value for value, their classes in sorted order and the split of train/ and test/', () => {
    const data = load({ path: 'fashion-mnist-png' });
    expect([data.shape, data.classes, data.y.length, data.given?.train.length, data.given?.test.length]).toEqual([[28, 28, 1], 10, 80, 50, 30]);
    expect(data.classNames).toEqual(SORTED);
    const sources = { train: [idx('train-images-idx3-ubyte.gz', 16), idx('train-labels-idx1-ubyte.gz', 8)], test: [idx('t10k-images-idx3-ubyte.gz', 16), idx('t10k-labels-idx1-ubyte.gz', 8)] };
    const wrong = data.files.flatMap((file, i) => {
      const [, split, , name] = /(train|test)\/([^/]+)\/(\d+)\.png$/.exec(file.shown) ?? [];
      const index = Number(name);
      const [images, labels] = sources[split as 'train' | 'test'];
      const same = Buffer.from(data.x.subarray(i * 784, (i + 1) * 784)).equals(images.subarray(index * 784, (index + 1) * 784));
      const isTest = data.given?.test.includes(i) === (split === 'test');
      return same && isTest && data.classNames[data.y[i]] === IDX_ORDER[labels[index]] ? [] : [file.shown];
    });
    expect(wrong).toEqual([]);
  });

  it('keeps the decoded images on disk, keyed by their contents and settings', () => {
    load({ path: 'fashion-mnist-png', size: 16 });
    expect(readdirSync(join(cacheDir() as string, 'images')).filter((f) => f.endsWith('.bin')).length).toBeGreaterThan(0);
  });
});

describe('image_folder formats', () => {
  it('decodes 16-bit PNG, RGBA PNG, BMP and TIFF to the 8-bit PNG pixels, and JPEG within its loss', () => {
    const grey = formats('-grey8.png');
    expect(grey.length).toBe(4 * 784);
    expect(Buffer.from(formats('-grey16.png')).equals(Buffer.from(grey))).toBe(true);
    // TIFF goes through sharp in the decode worker.
    expect(Buffer.from(formats('-grey.tif')).equals(Buffer.from(grey))).toBe(true);
    expect(Buffer.from(formats('-rgb.bmp', 1)).equals(Buffer.from(grey))).toBe(true);
    const rgb = formats('-rgba.png', 3);
    expect(rgb.length).toBe(3 * grey.length);
    expect(Array.from(grey).every((v, i) => rgb[3 * i] === v && rgb[3 * i + 1] === v && rgb[3 * i + 2] === v)).toBe(true);
    const jpeg = formats('-grey.jpg');
    const meanError = Array.from(jpeg).reduce((s, v, i) => s + Math.abs(v - grey[i]), 0) / grey.length;
    expect(meanError).toBeLessThan(2);
  });

  it("resizes with PIL's bilinear filter: within one grey level of PIL's own 14 x 14 images", () => {
    const files = ['00002', '00003'].map((i) => ({ path: join(IMAGES, 'formats', 'Trouser', `${i}-grey8.png`), shown: i }));
    const small = ['00002', '00003'].map((i) => ({ path: join(IMAGES, 'formats', 'Trouser', `${i}-small14.png`), shown: i }));
    const ours = decodeImages(files, (i) => readFileSync(files[i].path), { size: [14, 14] }, { cache: false }).data;
    const pil = decodeImages(small, (i) => readFileSync(small[i].path), {}, { cache: false }).data;
    expect(ours.length).toBe(2 * 14 * 14);
    expect(Math.max(...Array.from(ours, (v, i) => Math.abs(v - pil[i])))).toBeLessThanOrEqual(1);
  });

  it('resizes to a declared size, and names the first image whose size or channels differ when none is declared', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-images-'));
    const folder = (name: string, second: string) => {
      for (const c of ['a', 'b']) mkdirSync(join(dir, name, c), { recursive: true });
      copyFileSync(join(IMAGES, 'formats', 'Trouser', '00002-grey8.png'), join(dir, name, 'a', '1.png'));
      copyFileSync(join(IMAGES, 'formats', 'Trouser', second), join(dir, name, 'b', '2.png'));
    };
    folder('sizes', '00002-small14.png');
    folder('colours', '00002-rgba.png');
    const mismatch = (name: string, what: string) =>
      `cannot read ${name}/b/2.png: it is ${what}, but ${name}/a/1.png is 28x28 with 1 channel(s). Images of different sizes need \`size: [height, width]\` to resize them to, and different colour types \`channels:\` (1, 3 or 4).`;
    expect(error(() => load({ path: 'sizes' }, dir))).toBe(mismatch('sizes', '14x14 with 1 channel(s)'));
    expect(error(() => load({ path: 'colours' }, dir))).toBe(mismatch('colours', '28x28 with 4 channel(s)'));
    expect(load({ path: 'sizes', size: [14, 20] }, dir).shape).toEqual([14, 20, 1]);
    expect(load({ path: 'colours', channels: 3 }, dir).shape).toEqual([28, 28, 3]);
  });

  it('names a file that is not an image', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-images-'));
    for (const c of ['a', 'b']) mkdirSync(join(dir, 'images', c), { recursive: true });
    copyFileSync(join(IMAGES, 'formats', 'Trouser', '00002-grey8.png'), join(dir, 'images', 'a', '1.png'));
    writeFileSync(join(dir, 'images', 'b', 'notes.png'), 'not an image');
    expect(error(() => load({ path: 'images' }, dir))).toMatch(/^cannot read images\/b\/notes\.png: .*Check that it is a complete PNG, JPEG, BMP, TIFF, WebP or GIF image; remove or replace it\.$/);
  });

  it('reads labels and splits from a manifest, and uses a val/ folder as the validation part', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-images-'));
    cpSync(join(IMAGES, 'formats'), join(dir, 'flat'), { recursive: true });
    const rows = ['T-shirt_top/00019-grey8.png,top,train', 'T-shirt_top/00027-grey8.png,top,test', 'Trouser/00002-grey8.png,trousers,train', 'Trouser/00003-grey8.png,trousers,val'];
    writeFileSync(join(dir, 'labels.csv'), `file,label,split\n${rows.join('\n')}\n`);
    const data = load({ path: 'flat', manifest: 'labels.csv' }, dir);
    expect([data.classNames, Array.from(data.y), Array.from(data.given?.train ?? []), Array.from(data.given?.val ?? []), Array.from(data.given?.test ?? [])]).toEqual([['top', 'trousers'], [0, 0, 1, 1], [0, 2], [3], [1]]);
    const parts = makeSplit(data, undefined, 0);
    expect([Array.from(parts.train), Array.from(parts.val), Array.from(parts.test)]).toEqual([[0, 2], [3], [1]]);
    expect(existsSync(join(dir, 'labels.csv'))).toBe(true);
  });
});
