/**
 * Writes data/text/austen/{train,test}.tsv: which of Jane Austen's six novels a passage of 5
 * consecutive non-empty lines comes from. Source: the R package janeaustenr (Debian's
 * r-cran-janeaustenr), read through Rscript. See data/text/README.md for the exact recipe.
 *
 *   npx tsx tools/text-data/make-austen.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(__dirname, '..', '..', 'data', 'text', 'austen');
/** janeaustenr's variable → the label written to the table. */
const BOOKS: Record<string, string> = {
  sensesensibility: 'sense_sensibility',
  prideprejudice: 'pride_prejudice',
  mansfieldpark: 'mansfield_park',
  emma: 'emma',
  northangerabbey: 'northanger_abbey',
  persuasion: 'persuasion',
};
const LINES_PER_PASSAGE = 5;
/** Chapters whose number (counted from 1 through the whole novel) is a multiple of this are the test set. */
const TEST_EVERY = 5;
const PER_BOOK = { train: 400, test: 100 };

const HEADING = /^\s*(CHAPTER|Chapter|VOLUME|Volume)\s+[IVXLC\d]+\.?\s*$/;
const CHAPTER = /^\s*(CHAPTER|Chapter)\s/;
/** The novel ends before its closing word (or Northanger Abbey's editorial note). */
const END = /^\s*(THE END|FINIS|Finis|A NOTE ON THE TEXT)\s*$/;

interface Passage {
  label: string;
  chapter: number;
  /** 1-based index, in janeaustenr's vector, of the passage's first line. */
  line: number;
  text: string;
}

function readBooks(): Map<string, string[]> {
  const script = `library(janeaustenr); for (b in c(${Object.keys(BOOKS).map((b) => `"${b}"`).join(', ')})) writeLines(paste0(b, "\\t", get(b)), useBytes = TRUE)`;
  const out = new TextDecoder('utf-8', { fatal: true }).decode(execFileSync('Rscript', ['-e', script], { maxBuffer: 1 << 28 }));
  const books = new Map<string, string[]>();
  for (const row of out.split('\n').slice(0, -1)) {
    const tab = row.indexOf('\t');
    const [book, line] = [row.slice(0, tab), row.slice(tab + 1)];
    if (line.includes('\t')) throw new Error(`a line of ${book} holds a tab`);
    if (!books.has(book)) books.set(book, []);
    (books.get(book) as string[]).push(line);
  }
  return books;
}

function passages(book: string, lines: string[]): Passage[] {
  const out: Passage[] = [];
  let chapter = 0;
  let block: Array<[number, string]> = [];
  const start = lines.findIndex((l) => CHAPTER.test(l));
  for (let i = start; i < lines.length && !END.test(lines[i]); i++) {
    const line = lines[i].trim();
    if (HEADING.test(line)) {
      if (CHAPTER.test(line)) chapter++;
      block = [];
      continue;
    }
    if (line === '') continue;
    block.push([i + 1, line]);
    if (block.length === LINES_PER_PASSAGE) {
      out.push({ label: BOOKS[book], chapter, line: block[0][0], text: block.map(([, l]) => l).join(' ') });
      block = [];
    }
  }
  return out;
}

/** `k` passages spread evenly over the list: items floor(i n / k). */
function evenly<T>(items: T[], k: number): T[] {
  if (items.length < k) throw new Error(`only ${items.length} passages, ${k} wanted`);
  return Array.from({ length: k }, (_, i) => items[Math.floor((i * items.length) / k)]);
}

const tsv = (rows: Passage[]) => ['label\tchapter\tline\ttext', ...rows.map((p) => `${p.label}\t${p.chapter}\t${p.line}\t${p.text}`)].join('\n') + '\n';

const books = readBooks();
const parts = { train: [] as Passage[], test: [] as Passage[] };
for (const [book, lines] of books) {
  const all = passages(book, lines);
  const test = all.filter((p) => p.chapter % TEST_EVERY === 0);
  const train = all.filter((p) => p.chapter % TEST_EVERY !== 0);
  console.log(`${BOOKS[book]}: ${Math.max(...all.map((p) => p.chapter))} chapters, ${all.length} passages (${train.length} in training chapters, ${test.length} in test chapters)`);
  parts.train.push(...evenly(train, PER_BOOK.train));
  parts.test.push(...evenly(test, PER_BOOK.test));
}
mkdirSync(OUT, { recursive: true });
for (const [name, rows] of Object.entries(parts)) {
  writeFileSync(join(OUT, `${name}.tsv`), tsv(rows));
  console.log(`wrote ${join(OUT, `${name}.tsv`)}: ${rows.length} passages`);
}
