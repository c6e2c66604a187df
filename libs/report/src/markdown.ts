/** table.md: the same table for a README (bold best mean, † significant, ‡ not testable). */
import { cellText, significanceNote, type Cell, type Column, type Table } from './table';

const escape = (text: string) => text.replace(/\|/g, '\\|');

function cell(c: Cell, column: Column): string {
  if (c.mean === undefined) return '–';
  const body = cellText({ ...c, mean: c.mean }, column, '±');
  return `${c.best ? `**${body}**` : body}${c.significant ? ' †' : ''}${c.untestable ? ' ‡' : ''}`;
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
  const note = significanceNote(table);
  if (note) lines.push('', `${note.dagger ? '† ' : ''}${escape(note.text)}`);
  if (note?.untested) lines.push('', `‡ ${escape(note.untested)}`);
  return lines.join('\n') + '\n';
}
