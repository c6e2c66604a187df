/**
 * A table of texts: one text per row, a text column and a label column (by header name or index).
 * Tab-separated files are read as IANA TSV (no quoting: a field holds no tab or line break, and a
 * `"` is an ordinary character); other delimiters follow RFC 4180 (quoted fields may hold the
 * delimiter, line breaks and doubled quotes).
 */
import { parse } from 'csv-parse/sync';
import { UserError } from '@ablate/spec';
import { corrupt, type FileRef } from './read-file';

export interface TextTable {
  texts: string[];
  labels: string[];
}

export interface TextTableOptions {
  textColumn: string | number;
  /** null: the table has no label column (every text unlabelled). */
  labelColumn: string | number | null;
  delimiter: string;
  header: boolean;
}

/** A tab for .tsv/.tab files, else a comma. */
export function defaultDelimiter(path: string): string {
  return /\.(tsv|tab)$/i.test(path) ? '\t' : ',';
}

function columnIndex(file: FileRef, columns: string[], column: string | number, what: string): number {
  const index = typeof column === 'number' ? column : columns.indexOf(column);
  if (index < 0 || index >= columns.length) {
    throw new UserError(`${file.shown} has no ${what} column ${JSON.stringify(column)}.`, { hint: `Its columns: ${columns.join(', ')}. Set \`${what}_column:\` to one of them (a name, or a 0-based index).` });
  }
  return index;
}

export function readTextTable(content: string, file: FileRef, options: TextTableOptions): TextTable {
  let rows: string[][];
  try {
    rows = parse(content, { delimiter: options.delimiter, bom: true, skip_empty_lines: true, relax_column_count: false, ...(options.delimiter === '\t' ? { quote: null } : {}) }) as string[][];
  } catch (error) {
    throw corrupt(file, (error as Error).message, 'Every row needs the same number of columns (in a TSV file, no tab or line break inside a text).');
  }
  if (rows.length === 0) throw corrupt(file, 'it has no rows.');
  const columns = options.header ? (rows.shift() as string[]).map((c) => c.trim()) : rows[0].map((_, i) => String(i));
  const textIndex = columnIndex(file, columns, options.textColumn, 'text');
  const labelColumn = options.labelColumn;
  if (labelColumn === null) return { texts: rows.map((row) => row[textIndex]), labels: rows.map(() => '') };
  const labelIndex = columnIndex(file, columns, labelColumn, 'label');
  const texts: string[] = [];
  const labels: string[] = [];
  rows.forEach((row, r) => {
    const label = row[labelIndex].trim();
    if (label === '') throw corrupt(file, `row ${r + (options.header ? 2 : 1)} has an empty label.`, 'Every text needs a label.');
    texts.push(row[textIndex]);
    labels.push(label);
  });
  return { texts, labels };
}
