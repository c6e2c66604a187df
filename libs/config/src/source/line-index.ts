/** Offsets in a text → line and column, for positions recorded in document order. */
import type { SourceLocation } from '@ablate/spec';

/** The offset at which each line starts (line 1 at 0), '\n' ending a line. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export class LineIndex {
  /** Index into `starts` of the last offset looked up: lookups mostly move forward. */
  private cursor = 0;

  constructor(
    private readonly file: string,
    private readonly starts: readonly number[],
  ) {}

  at(offset: number): SourceLocation {
    const starts = this.starts;
    if (starts.length === 0) return { file: this.file, line: 1, col: offset + 1 };
    let i = this.cursor;
    if (i >= starts.length || starts[i] > offset) {
      // Backwards: binary search for the last line start <= offset.
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
      i = low;
    } else {
      while (i + 1 < starts.length && starts[i + 1] <= offset) i++;
    }
    this.cursor = i;
    return { file: this.file, line: i + 1, col: offset - starts[i] + 1 };
  }
}
