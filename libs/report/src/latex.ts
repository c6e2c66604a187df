/**
 * table.tex and tabular.tex: a booktabs tabular whose numeric columns are siunitx `S` columns
 * (aligned on the decimal point, mean ± std as a number with a separate uncertainty, thousands
 * grouped by siunitx where the column asks for it), the best mean of each metric in bold, a dagger
 * on significant differences, a double dagger on cells the test could not be run on.
 * table.tex wraps it in a float that is scaled down to \columnwidth (\textwidth for `width: page`)
 * only when it is wider; tabular.tex is the bare tabular, for minipages and the user's own floats.
 */
import { cellNumbers } from './numbers';
import { gridColumn, gridOf, type GridCell, type Label } from './layout';
import { significanceNote, type Table } from './table';

export function escapeLatex(text: string): string {
  return text.replace(/[\\{}$&#%_^~]/g, (c) => ({ '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}' })[c] as string);
}

/** Text with ± and † written by the report itself (not user text) → LaTeX. */
function captionText(text: string): string {
  return escapeLatex(text).replace(/±/g, '$\\pm$').replace(/†/g, '$^\\dagger$');
}

const labelTex = (label: Label) => (label.tex ?? escapeLatex(label.text)) + (label.baseline ? ' (baseline)' : '');

/** What follows a cell's number: the SI prefix and the dagger or double dagger. */
function textAfter({ cell, column }: GridCell): string {
  const prefix = cell.mean === undefined ? '' : cellNumbers({ ...cell, mean: cell.mean }, column).prefix;
  return `${prefix ? `\\,${prefix}` : ''}${cell.significant ? '\\textsuperscript{\\dag}' : ''}${cell.untestable ? '\\textsuperscript{\\ddag}' : ''}`;
}

function cellTex(g: GridCell): string {
  if (g.cell.mean === undefined) return '{--}';
  const n = cellNumbers({ ...g.cell, mean: g.cell.mean }, g.column);
  const after = textAfter(g);
  return `${g.cell.best ? '\\bfseries ' : ''}${n.std !== undefined ? `${n.mean} \\pm ${n.std}` : n.mean}${after ? `{${after}}` : ''}`;
}

/**
 * An `S` column that reserves the widest of its cells: integer digits, decimals, the digits of
 * the uncertainty (siunitx counts them in units of the last decimal: 1.12 → 112), and the text
 * after the number; so that no cell is wider than its column.
 */
function sColumn(cells: GridCell[]): string {
  const numbers = cells.filter((g) => g.cell.mean !== undefined).map((g) => cellNumbers({ ...g.cell, mean: g.cell.mean as number }, g.column));
  const digits = (s: string) => s.replace('-', '').split('.');
  const whole = Math.max(1, ...numbers.map((n) => digits(n.mean)[0].length));
  const decimals = Math.max(0, ...numbers.map((n) => (digits(n.mean)[1] ?? '').length));
  const uncertainty = Math.max(0, ...numbers.map((n) => (n.std === undefined ? 0 : String(Number(n.std.replace('.', ''))).length)));
  const prefix = numbers.some((n) => n.prefix) ? '\\,M' : '';
  const mark = cells.some((g) => g.cell.untestable) ? '\\textsuperscript{\\ddag}' : cells.some((g) => g.cell.significant) ? '\\textsuperscript{\\dag}' : '';
  const format = `${numbers.some((n) => n.mean.startsWith('-')) ? '-' : ''}${whole}${decimals ? `.${decimals}` : ''}${uncertainty ? `(${uncertainty})` : ''}${prefix || mark ? `{${prefix}${mark}}` : ''}`;
  const group = cells.some((g) => g.column.format === 'thousands') ? 'group-separator={,}, group-minimum-digits=4' : 'group-digits=none';
  return `S[table-format=${format}, ${group}, uncertainty-mode=separate, retain-zero-uncertainty, detect-weight, mode=match]`;
}

/** The tabular, indented by `indent`. */
function tabular(table: Table, indent: string): string[] {
  const grid = gridOf(table);
  const spec = ['l', ...grid.headers.map((_, j) => sColumn(gridColumn(grid, j)))].join(' ');
  return [
    `\\begin{tabular}{${spec}}`,
    '  \\toprule',
    `  ${[escapeLatex(grid.corner.text), ...grid.headers.map((h) => `{${labelTex(h)}}`)].join(' & ')} \\\\`,
    '  \\midrule',
    ...grid.rows.map((r) => `  ${[labelTex(r.label), ...r.cells.map(cellTex)].join(' & ')} \\\\`),
    '  \\bottomrule',
    '\\end{tabular}',
  ].map((line) => indent + line);
}

/** The notes on † and ‡, in LaTeX, or nothing when no baseline is set. */
function notes(table: Table): string[] {
  const note = significanceNote(table);
  if (!note) return [];
  // "<" is not a text-mode character in LaTeX's default font encoding: the comparison goes in math.
  const text = escapeLatex(note.text).replace(/p < ([0-9.e-]+)/, '$p < $1$');
  return [`${note.dagger ? '$^\\dagger$ ' : ''}${text}`, ...(note.untested ? [`$^\\ddagger$ ${escapeLatex(note.untested)}`] : [])];
}

export function latexTable(table: Table, source: string): string {
  const [float, width] = table.width === 'page' ? ['table*', '\\textwidth'] : ['table', '\\columnwidth'];
  const [first, second] = notes(table);
  const lines = [
    `% ${source}`,
    '% Needs \\usepackage{booktabs,siunitx,graphicx} (TeX Live: texlive-latex-recommended, texlive-latex-extra, texlive-science).',
    `% Best mean per column in bold; scaled down to ${width} only if it is wider. tabular.tex holds the bare tabular.`,
    `\\begin{${float}}[t]`,
    '  \\centering',
    `  \\caption{${captionText(table.caption)}}`,
    `  \\label{${table.label}}`,
    '  \\setbox0=\\hbox{%',
    ...tabular(table, '  '),
    '  }%',
    `  \\ifdim\\wd0>${width}\\resizebox{${width}}{!}{\\box0}\\else\\box0\\fi`,
  ];
  if (first) lines.push(`  \\par\\smallskip{\\footnotesize ${first}}`);
  if (second) lines.push(`  \\par{\\footnotesize ${second}}`);
  lines.push(`\\end{${float}}`, '');
  return lines.join('\n');
}

export function tabularTex(table: Table, source: string): string {
  const lines = [
    `% ${source}`,
    '% The bare tabular of table.tex (no float, no caption), for \\input in a minipage or your own table.',
    '% Needs \\usepackage{booktabs,siunitx} (TeX Live: texlive-latex-recommended, texlive-latex-extra, texlive-science).',
    `% Caption: ${captionText(table.caption)}`,
    ...notes(table).map((n) => `% Note: ${n}`),
    ...tabular(table, ''),
    '',
  ];
  return lines.join('\n');
}
