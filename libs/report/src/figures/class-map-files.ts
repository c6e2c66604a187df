/**
 * The maps a trial on a hyperspectral scene writes: prediction_map.npy (every pixel's predicted
 * class) and ground_truth_map.npy (-1 where unlabelled), NumPy int16 [rows, cols] in C order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultRow } from '../collect';

export interface ClassMap {
  rows: number;
  cols: number;
  /** Row-major class index per pixel, -1 where there is none. */
  values: Int16Array;
}

export const PREDICTION_MAP = 'prediction_map.npy';
export const GROUND_TRUTH_MAP = 'ground_truth_map.npy';

/** A map written by a trial; a file of another layout is an error naming it. */
export function readClassMap(path: string): ClassMap {
  const bytes = readFileSync(path);
  const wrong = (why: string) => new Error(`${path} is not a class map written by ablate: ${why}`);
  if (bytes.length < 10 || bytes.toString('latin1', 0, 6) !== '\x93NUMPY') throw wrong('no .npy header');
  const length = bytes[6] === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = bytes[6] === 1 ? 10 : 12;
  const header = bytes.toString('latin1', start, start + length);
  const shape = /'shape':\s*\((\d+),\s*(\d+),?\s*\)/.exec(header);
  if (!/'descr':\s*'<i2'/.test(header) || /'fortran_order':\s*True/.test(header) || !shape) throw wrong(`its header is ${header.trim()}, not int16 [rows, cols] in C order`);
  const [rows, cols] = [Number(shape[1]), Number(shape[2])];
  const data = bytes.subarray(start + length);
  if (data.length < 2 * rows * cols) throw wrong('it is shorter than its header says');
  const values = new Int16Array(rows * cols);
  for (let i = 0; i < values.length; i++) values[i] = data.readInt16LE(2 * i);
  return { rows, cols, values };
}

/** The trial's map `file`, when its folder is here and has one. */
export function trialMap(row: ResultRow, file: string): ClassMap | undefined {
  const path = join(row.dir, file);
  return row.dir && existsSync(path) ? readClassMap(path) : undefined;
}
