/**
 * A denoiser's predictions on disk, beside the CSV: one PNG per output image in pixel values
 * (`<out>-images/`), every output as float32 [n, h, w, c] in the model's units (`<out>-outputs.npy`),
 * and, against clean images, the metrics the trial records (`<out>-metrics.json`). The CSV names
 * each input's PNG and, against clean images, its PSNR and SSIM and those of its noisy input.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeNpy } from '@ablate/data';
import type { ImagePredictions } from '@ablate/pipeline';
import { encodePng } from '@ablate/report';
import { writing } from '@ablate/spec';

/** One output image as an 8-bit RGB PNG (grey images in every colour channel), written as the report writes its rasters. */
function png(p: ImagePredictions, i: number): Buffer {
  const [height, width, channels] = p.shape;
  const rgb = new Uint8Array(height * width * 3);
  const base = i * height * width * channels;
  for (let px = 0; px < height * width; px++) {
    for (let k = 0; k < 3; k++) {
      const c = channels === 1 ? 0 : Math.min(k, channels - 1);
      const value = p.outputs[base + px * channels + c] * p.toPixels.scale[c] + p.toPixels.shift[c];
      rgb[px * 3 + k] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  return encodePng({ width, height, rgb });
}

/** Writes the CSV and the files beside it; returns the files besides the CSV and the line that sums them up. */
export function writeImagePredictions(p: ImagePredictions, csv: string): { files: string[]; summary: string } {
  const stem = csv.replace(/\.csv$/i, '');
  const folder = `${stem}-images`;
  const digits = String(Math.max(0, p.ids.length - 1)).length;
  const names = p.ids.map((_, i) => `${String(i).padStart(digits, '0')}.png`);
  writing(folder, () => {
    mkdirSync(folder, { recursive: true });
    names.forEach((name, i) => writeFileSync(join(folder, name), png(p, i)));
  });
  const npy = `${stem}-outputs.npy`;
  writing(npy, () => writeFileSync(npy, writeNpy({ shape: [p.ids.length, ...p.shape], data: p.outputs })));
  const relativeName = (name: string) => join(basename(folder), name);
  const scores = p.scores;
  const header = ['id', 'output', ...(scores ? ['psnr', 'ssim', 'input_psnr', 'input_ssim'] : [])];
  const rows = p.ids.map((id, i) => [id, relativeName(names[i]), ...(scores ? [scores.perImage.psnr[i], scores.perImage.ssim[i], scores.perImage.input_psnr[i], scores.perImage.input_ssim[i]].map((v) => v.toPrecision(6)) : [])]);
  writing(csv, () => writeFileSync(csv, stringify(rows, { header: true, columns: header })));
  const files = [folder, npy];
  const metrics = `${stem}-metrics.json`;
  // Unscored: no metrics file, not even one an earlier scored run left.
  if (!scores) rmSync(metrics, { force: true });
  if (!scores) return { files, summary: `${p.ids.length} output images in ${folder}/ (no clean images to score them against: give --add-noise for clean images)` };
  writing(metrics, () => writeFileSync(metrics, JSON.stringify(scores.metrics, null, 1) + '\n'));
  const m = scores.metrics;
  return {
    files: [...files, metrics],
    summary: `psnr ${m.psnr.toFixed(2)} dB, ssim ${m.ssim.toFixed(4)}, mse ${m.mse.toPrecision(4)} over ${p.ids.length} images (their noisy inputs: psnr ${m.input_psnr.toFixed(2)} dB, ssim ${m.input_ssim.toFixed(4)})`,
  };
}
