// Decodes one array of an HDF5 file (MATLAB v7.3 .mat files are HDF5) or of a TIFF, in a process of
// its own: h5wasm and geotiff are ES modules with asynchronous set-up, and ablate's loaders are
// synchronous CommonJS (decoded.ts calls this with execFileSync). Writes one line of JSON, then the
// array's bytes:
//   node decode-worker.mjs list <file.h5>            {"datasets":[{"name","shape","dtype"}]}
//   node decode-worker.mjs hdf5 <file.h5> <dataset>  {"dims":[...],"dtype":"float64"} + bytes (row-major as stored)
//   node decode-worker.mjs tiff <file.tif>           {"dims":[rows,cols,bands],"dtype":"float32"} + bytes
//   node decode-worker.mjs images <list.json>        {"images":[[h,w,c],...],"dtype":"uint8"} + each image's bytes:
//     the files of {"files":[...]} decoded by sharp (libvips), each with its own channels
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

/**
 * Images of the formats ablate does not decode itself (TIFF, WebP, GIF, ...), each as 8-bit pixels
 * with its own channels (1 grey, 3 RGB, 4 RGBA): the header lists each image's [h, w, c].
 */
async function images(list) {
  const { default: sharp } = await import('sharp');
  const { files } = JSON.parse(await readFile(list, 'utf8'));
  const dims = [];
  const parts = [];
  for (const file of files) {
    try {
      let image = sharp(file, { failOn: 'error' });
      const meta = await image.metadata();
      const channels = meta.channels <= 2 ? 1 : Math.min(meta.channels, 4);
      image = channels === 1 ? image.toColourspace('b-w') : channels === 3 ? image.removeAlpha().toColourspace('srgb') : image.ensureAlpha().toColourspace('srgb');
      const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      dims.push([info.height, info.width, info.channels]);
      parts.push(data);
    } catch (error) {
      emit({ error: String(error?.message ?? error), file });
      process.exitCode = 2;
      return;
    }
  }
  emit({ images: dims, dtype: 'uint8' }, new Uint8Array(Buffer.concat(parts)));
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
