/**
 * The grid a table is printed as, the same for table.tex, tabular.tex and table.md: in the
 * `rows` layout a row per variant/grid point and a column per metric; `transposed`, a row per
 * metric (e.g. per noise level) and a column per variant/grid point.
 */
import type { Cell, Column, Table } from './table';

export interface Label {
  text: string;
  /** Raw LaTeX (a column's `label_tex`). */
  tex?: string;
  baseline?: boolean;
}

export interface GridCell {
  cell: Cell;
  /** How the cell's number is printed (its metric's column, in either layout). */
  column: Column;
}

export interface Grid {
  corner: Label;
  headers: Label[];
  rows: Array<{ label: Label; cells: GridCell[] }>;
}

const columnLabel = (c: Column): Label => ({ text: c.label, ...(c.labelTex !== undefined ? { tex: c.labelTex } : {}) });

export function gridOf(table: Table): Grid {
  const corner = { text: table.rowHeader };
  if (table.layout === 'transposed') {
    return {
      corner,
      headers: table.rows.map((r) => ({ text: r.label, baseline: r.baseline })),
      rows: table.columns.map((column, j) => ({ label: columnLabel(column), cells: table.rows.map((r) => ({ cell: r.cells[j], column })) })),
    };
  }
  return {
    corner,
    headers: table.columns.map(columnLabel),
    rows: table.rows.map((r) => ({ label: { text: r.label, baseline: r.baseline }, cells: r.cells.map((cell, j) => ({ cell, column: table.columns[j] })) })),
  };
}

/** The cells of the grid's j-th data column, top to bottom. */
export const gridColumn = (grid: Grid, j: number): GridCell[] => grid.rows.map((r) => r.cells[j]);
