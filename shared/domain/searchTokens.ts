import { toHalfWidth } from './gazetteer';

/**
 * Chinese has no spaces between words, so free-text search indexes every
 * character and every pair of neighbouring characters. A query of one
 * character matches the single characters; a longer query matches its run
 * of consecutive pairs as a phrase ("光复路" → "光复 复路"). Punctuation is
 * dropped and Latin letters lower-cased on both sides, so "20261127-0003"
 * and "202611270003" find the same case.
 */
export function searchableCharacters(text: string): string[] {
  return Array.from(toHalfWidth(text).toLowerCase()).filter((character) => /[\p{L}\p{N}]/u.test(character));
}

export function pairsOf(characters: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let index = 1; index < characters.length; index++) pairs.push(characters[index - 1]! + characters[index]!);
  return pairs;
}

/** The two index columns for a case's searchable text. */
export function searchColumns(text: string): { singles: string; pairs: string } {
  const characters = searchableCharacters(text);
  return { singles: [...new Set(characters)].join(' '), pairs: pairsOf(characters).join(' ') };
}

/** An FTS5 MATCH expression for what the operator typed, or null when nothing searchable is left. */
export function searchMatch(query: string): string | null {
  const characters = searchableCharacters(query);
  if (characters.length === 0) return null;
  if (characters.length === 1) return `singles : "${characters[0]}"`;
  return `pairs : "${pairsOf(characters).join(' ')}"`;
}
