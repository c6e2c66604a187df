/** table.md: the same rows, columns and numbers as table.tex (bold best mean, † significant, ‡ not testable). */
import { gridOf, type GridCell, type Label } from './layout';
import { cellText } from './numbers';
import { significanceNote, type Table } from './table';

const escape = (text: string) => text.replace(/\|/g, '\\|');
const labelText = (label: Label) => escape(label.text) + (label.baseline ? ' (baseline)' : '');

function cell({ cell: c, column }: GridCell): string {
  if (c.mean === undefined) return '–';
  const body = cellText({ ...c, mean: c.mean }, column);
  return `${c.best ? `**${body}**` : body}${c.significant ? ' †' : ''}${c.untestable ? ' ‡' : ''}`;
}

export function markdownTable(table: Table): string {
  const grid = gridOf(table);
  const header = [labelText(grid.corner), ...grid.headers.map(labelText)];
  const lines = [
    `**${escape(table.caption)}**`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...grid.rows.map((r) => `| ${[labelText(r.label), ...r.cells.map(cell)].join(' | ')} |`),
  ];
  const note = significanceNote(table);
  if (note) lines.push('', `${note.dagger ? '† ' : ''}${escape(note.text)}`);
  if (note?.untested) lines.push('', `‡ ${escape(note.untested)}`);
  return lines.join('\n') + '\n';
}
