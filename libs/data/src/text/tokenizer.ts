/**
 * Splitting a text into words. A word is a maximal run of Unicode letters and digits, possibly
 * joined through inner apostrophes ("don't", "Elizabeth's"); everything else (spaces,
 * punctuation, dashes, underscores) separates words and is dropped. The typographic apostrophe ’
 * (U+2019) is read as ' first, so both spellings give one word. Lower-casing (an option, on by
 * default) uses Unicode's default case mapping, the same in every locale.
 */

/** The word pattern, as written into vocab.json (with WORD_FLAGS) so any program can reproduce it. */
export const WORD_PATTERN = "[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)*";
export const WORD_FLAGS = 'gu';

export interface TokenizerOptions {
  lowercase: boolean;
  /** Another word pattern (a vocab file's); default WORD_PATTERN with WORD_FLAGS. */
  pattern?: RegExp;
}

const WORD = new RegExp(WORD_PATTERN, WORD_FLAGS);

export function tokenize(text: string, options: TokenizerOptions): string[] {
  const normalised = text.replace(/\u2019/g, "'");
  return (options.lowercase ? normalised.toLowerCase() : normalised).match(options.pattern ?? WORD) ?? [];
}
