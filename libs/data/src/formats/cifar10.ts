/** CIFAR-10 binary batches: records of 1 label byte and 3072 pixel bytes (R, G, B planes of 32x32), turned into HWC. */
import { corrupt, type FileRef } from './read-file';

export const CIFAR_RECORD = 1 + 3 * 32 * 32;

export function readCifarBatch(bytes: Buffer, file: FileRef): { images: Uint8Array; labels: Int32Array } {
  if (bytes.length === 0 || bytes.length % CIFAR_RECORD !== 0) {
    throw corrupt(file, `its size (${bytes.length} bytes) is not a whole number of ${CIFAR_RECORD}-byte CIFAR-10 records.`);
  }
  const n = bytes.length / CIFAR_RECORD;
  const images = new Uint8Array(n * 3072);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const record = i * CIFAR_RECORD;
    labels[i] = bytes[record];
    if (labels[i] > 9) throw corrupt(file, `record ${i} has the label ${labels[i]}; CIFAR-10 labels are 0-9.`);
    for (let p = 0; p < 1024; p++) {
      for (let c = 0; c < 3; c++) images[i * 3072 + p * 3 + c] = bytes[record + 1 + c * 1024 + p];
    }
  }
  return { images, labels };
}
