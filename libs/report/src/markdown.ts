/** table.md: the same table for a README (bold best mean, † significant). */
import { cellText, type Cell, type Column, type Table } from './table';

const escape = (text: string) => text.replace(/\|/g, '\\|');

function cell(c: Cell, column: Column): string {
  if (c.mean === undefined) return '–';
  const body = cellText({ ...c, mean: c.mean }, column, '±');
  return `${c.best ? `**${body}**` : body}${c.significant ? ' †' : ''}`;
}

export function markdownTable(table: Table): string {
  const header = [table.rowHeader, ...table.columns.map((c) => c.label)];
  const lines = [
    `**${escape(table.caption)}**`,
    '',
    `| ${header.map(escape).join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...table.rows.map((r) => `| ${[escape(r.label) + (r.baseline ? ' (baseline)' : ''), ...r.cells.map((c, j) => cell(c, table.columns[j]))].join(' | ')} |`),
  ];
  if (table.significance) {
    const test = table.significance.test === 'wilcoxon' ? 'Wilcoxon signed-rank test' : 'paired t-test';
    lines.push('', `† differs from ${escape(table.significance.baseline)} (${test} over seeds, p < ${table.significance.alpha}).`);
  }
  return lines.join('\n') + '\n';
}
