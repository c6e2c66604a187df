/**
 * table.tex: a booktabs table (\usepackage{booktabs}), the best mean of each column in bold, a
 * dagger on significant differences, a double dagger on cells the test could not be run on.
 */
import { cellText, significanceNote, type Cell, type Column, type Table } from './table';

export function escapeLatex(text: string): string {
  return text.replace(/[\\{}$&#%_^~]/g, (c) => ({ '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}' })[c] as string);
}

/** Text with ± and † written by the report itself (not user text) → LaTeX. */
function captionText(text: string): string {
  return escapeLatex(text).replace(/±/g, '$\\pm$').replace(/†/g, '$^\\dagger$');
}

function cell(c: Cell, column: Column): string {
  if (c.mean === undefined) return '--';
  const body = cellText({ ...c, mean: c.mean }, column, '\\pm');
  const marked = c.best ? `\\mathbf{${body}}` : body;
  return `$${marked}${c.significant ? '^{\\dagger}' : ''}${c.untestable ? '^{\\ddagger}' : ''}$`;
}

export function latexTable(table: Table, source: string): string {
  const lines = [
    `% ${source}`,
    '% Needs \\usepackage{booktabs}. Best mean per column in bold.',
    '\\begin{table}[t]',
    '  \\centering',
    `  \\caption{${captionText(table.caption)}}`,
    `  \\label{${table.label}}`,
    `  \\begin{tabular}{l${'c'.repeat(table.columns.length)}}`,
    '    \\toprule',
    `    ${[table.rowHeader, ...table.columns.map((c) => c.label)].map(escapeLatex).join(' & ')} \\\\`,
    '    \\midrule',
    ...table.rows.map((r) => `    ${[escapeLatex(r.label) + (r.baseline ? ' (baseline)' : ''), ...r.cells.map((c, j) => cell(c, table.columns[j]))].join(' & ')} \\\\`),
    '    \\bottomrule',
    '  \\end{tabular}',
  ];
  const note = significanceNote(table);
  if (note) {
    // "<" is not a text-mode character in LaTeX's default font encoding: the comparison goes in math.
    const text = escapeLatex(note.text).replace(/p < ([0-9.e-]+)/, '$p < $1$');
    lines.push(`  \\par\\smallskip{\\footnotesize ${note.dagger ? '$^\\dagger$ ' : ''}${text}}`);
    if (note.untested) lines.push(`  \\par{\\footnotesize $^\\ddagger$ ${escapeLatex(note.untested)}}`);
  }
  lines.push('\\end{table}', '');
  return lines.join('\n');
}
