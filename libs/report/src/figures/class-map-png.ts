/** A class map as a PNG: one colour per class in class order, black where a pixel has none (-1). */
import { BACKGROUND, classColours, rgbOf } from './class-colours';
import { encodePng, enlarge } from './png';

export interface ClassMapPng {
  /** Per pixel, row-major: the class index, -1 for none. */
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  /** One per class (classColours fills the rest). */
  colours: readonly string[];
  classes: number;
  /** Each pixel drawn as factor x factor (default 1). */
  factor?: number;
}

export function classMapPng({ values, rows, cols, colours, classes, factor = 1 }: ClassMapPng): Buffer {
  const table = classColours(classes, colours).map(rgbOf);
  const background = rgbOf(BACKGROUND);
  const rgb = new Uint8Array(rows * cols * 3);
  for (let p = 0; p < rows * cols; p++) rgb.set(values[p] < 0 ? background : (table[values[p]] ?? background), 3 * p);
  return encodePng(enlarge({ width: cols, height: rows, rgb }, factor));
}
