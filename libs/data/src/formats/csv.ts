/** A CSV table with one example per row and a label column (by name with a header, or by index). */
import { parse } from 'csv-parse/sync';
import { UserError } from '@ablate/spec';
import { corrupt, type FileRef } from './read-file';

export interface CsvTable {
  features: Float64Array;
  featureCount: number;
  labels: string[];
  columns: string[];
}

export function readCsv(text: string, file: FileRef, labelColumn: string | number, delimiter = ',', header = true): CsvTable {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw corrupt(file, (error as Error).message, 'Every row must have the same number of columns.');
  }
  if (rows.length === 0) throw corrupt(file, 'it has no rows.');
  const columns = header ? rows.shift()! : rows[0].map((_, i) => String(i));
  const labelIndex = typeof labelColumn === 'number' ? labelColumn : columns.indexOf(labelColumn);
  if (labelIndex < 0 || labelIndex >= columns.length) {
    throw new UserError(`${file.shown} has no column ${JSON.stringify(labelColumn)}.`, { hint: `Columns: ${columns.join(', ')}.` });
  }
  const featureCount = columns.length - 1;
  const features = new Float64Array(rows.length * featureCount);
  const labels: string[] = [];
  rows.forEach((row, r) => {
    let j = 0;
    row.forEach((cell, c) => {
      if (c === labelIndex) return;
      const value = Number(cell);
      if (cell === '' || Number.isNaN(value)) throw corrupt(file, `row ${r + (header ? 2 : 1)}, column "${columns[c]}" is not a number: ${JSON.stringify(cell)}.`, 'Feature columns must be numeric; only the label column may hold names.');
      features[r * featureCount + j++] = value;
    });
    labels.push(row[labelIndex]);
  });
  return { features, featureCount, labels, columns };
}
