// Decodes one array of an HDF5 file (MATLAB v7.3 .mat files are HDF5) or of a TIFF, in a process of
// its own: h5wasm and geotiff are ES modules with asynchronous set-up, and ablate's loaders are
// synchronous CommonJS (decoded.ts calls this with execFileSync). Writes one line of JSON, then the
// array's bytes:
//   node decode-worker.mjs list <file.h5>            {"datasets":[{"name","shape","dtype"}]}
//   node decode-worker.mjs hdf5 <file.h5> <dataset>  {"dims":[...],"dtype":"float64"} + bytes (row-major as stored)
//   node decode-worker.mjs tiff <file.tif>           {"dims":[rows,cols,bands],"dtype":"float32"} + bytes
//   node decode-worker.mjs images <list.json>        {"dims":[n,h,w,c],"dtype":"uint8"} + bytes: images decoded by
//     sharp (libvips): {"files":[...],"channels":1|3|4|null,"size":[h,w]|null,"resize":"linear"|"nearest"|"cubic"}
// A failure is {"error": "...", "file": "..."} and exit status 2.
import { readFile } from 'node:fs/promises';

const DTYPES = { Float32Array: 'float32', Float64Array: 'float64', Int8Array: 'int8', Uint8Array: 'uint8', Int16Array: 'int16', Uint16Array: 'uint16', Int32Array: 'int32', Uint32Array: 'uint32' };

function emit(header, array) {
  process.stdout.write(`${JSON.stringify(header)}\n`);
  if (array) process.stdout.write(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
}

function typed(value, what) {
  const dtype = DTYPES[value?.constructor?.name];
  if (!dtype) throw new Error(`${what} is not a numeric array (${value?.constructor?.name ?? typeof value})`);
  return { dtype, value };
}

async function hdf5(mode, file, name) {
  const { default: h5wasm } = await import('h5wasm/node');
  await h5wasm.ready;
  const f = new h5wasm.File(file, 'r');
  try {
    const datasets = [];
    const walk = (group, prefix) => {
      for (const key of group.keys()) {
        const item = group.get(key);
        const path = `${prefix}${key}`;
        if (item instanceof h5wasm.Dataset) datasets.push({ name: path, shape: item.shape ?? [], dtype: String(item.dtype) });
        else if (item instanceof h5wasm.Group && !key.startsWith('#')) walk(item, `${path}/`);
      }
    };
    walk(f, '');
    if (mode === 'list') return emit({ datasets });
    const item = f.get(name);
    if (!(item instanceof h5wasm.Dataset)) throw new Error(`it has no dataset "${name}"; datasets: ${datasets.map((d) => `${d.name} (${d.shape.join('x')} ${d.dtype})`).join(', ')}`);
    const { dtype, value } = typed(item.value, `the dataset ${name}`);
    emit({ dims: item.shape ?? [value.length], dtype }, value);
  } finally {
    f.close();
  }
}

async function tiff(file) {
  const { fromArrayBuffer } = await import('geotiff');
  const bytes = await readFile(file);
  const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).getImage();
  const raster = await image.readRasters({ interleave: true });
  const { dtype, value } = typed(raster, 'the image');
  emit({ dims: [image.getHeight(), image.getWidth(), image.getSamplesPerPixel()], dtype }, value);
}

/** An uncompressed Windows bitmap (8-bit grey palette, 24- or 32-bit), which libvips does not read, as sharp raw input. */
async function bmp(file) {
  const b = await readFile(file);
  if (b.toString('latin1', 0, 2) !== 'BM') throw new Error('it is not a BMP image');
  const offset = b.readUInt32LE(10);
  const width = b.readInt32LE(18);
  const rawHeight = b.readInt32LE(22);
  const bits = b.readUInt16LE(28);
  const compression = b.readUInt32LE(30);
  if (compression !== 0 && compression !== 3) throw new Error(`compressed BMP images (compression ${compression}) are not read`);
  if (bits !== 8 && bits !== 24 && bits !== 32) throw new Error(`${bits}-bit BMP images are not read (8, 24 and 32 are)`);
  const height = Math.abs(rawHeight);
  const stride = Math.ceil((width * bits) / 32) * 4;
  const channels = bits === 8 ? 1 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    // Rows are stored bottom-up unless the height is negative.
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      if (bits === 8) pixels[y * width + x] = b[row + x];
      else for (let c = 0; c < 3; c++) pixels[(y * width + x) * 3 + c] = b[row + x * (bits / 8) + 2 - c];
    }
  }
  return { pixels, raw: { width, height, channels } };
}

/**
 * Every image as 8-bit [h, w, c]: converted to `channels` (1 grey, 3 RGB, 4 RGBA; default: the
 * first image's), 16-bit images scaled to 8 bits, and resized to `size` when given (libvips,
 * antialiased when it shrinks); without `size` every image must have the first one's size.
 */
async function images(list) {
  const { default: sharp } = await import('sharp');
  sharp.concurrency(1);
  const { files, size, resize, channels } = JSON.parse(await readFile(list, 'utf8'));
  let shape;
  let out;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    try {
      const bitmap = /\.bmp$/i.test(file) ? await bmp(file) : undefined;
      let image = bitmap ? sharp(bitmap.pixels, { raw: bitmap.raw }) : sharp(file, { failOn: 'error' });
      const meta = bitmap ? { channels: bitmap.raw.channels } : await image.metadata();
      // Without a declared count, each image keeps its own (grey with alpha as grey): a mix is an error below.
      const want = channels ?? (meta.channels === 2 ? 1 : Math.min(meta.channels, 4));
      if (size) image = image.resize(size[1], size[0], { fit: 'fill', kernel: resize === 'nearest' ? 'nearest' : resize === 'cubic' ? 'cubic' : 'linear' });
      image = want === 1 ? image.toColourspace('b-w') : want === 3 ? image.removeAlpha().toColourspace('srgb') : image.ensureAlpha().toColourspace('srgb');
      const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      const dims = [info.height, info.width, info.channels];
      shape ??= dims;
      if (dims.join() !== shape.join()) {
        emit({ error: `it is ${dims[0]}x${dims[1]} with ${dims[2]} channel(s), but ${files[0]} is ${shape[0]}x${shape[1]} with ${shape[2]} channel(s)`, file, mismatch: true });
        process.exitCode = 2;
        return;
      }
      out ??= new Uint8Array(files.length * data.length);
      out.set(data, i * data.length);
    } catch (error) {
      emit({ error: String(error?.message ?? error), file });
      process.exitCode = 2;
      return;
    }
  }
  emit({ dims: [files.length, ...(shape ?? [0, 0, channels ?? 1])], dtype: 'uint8' }, out ?? new Uint8Array(0));
}

const [mode, file, name] = process.argv.slice(2);
try {
  if (mode === 'tiff') await tiff(file);
  else if (mode === 'images') await images(file);
  else await hdf5(mode, file, name);
} catch (error) {
  emit({ error: String(error?.message ?? error) });
  process.exitCode = 2;
}
