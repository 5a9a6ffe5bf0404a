import type { DistrictGeography, GridAssignment, LngLat } from '../../domain/district';
import type { Locale } from '../../domain/names';
import type { SpanTracker } from '../spans';
import type { Vocabulary } from '../vocabulary';

export interface ParserContext {
  vocabulary: Vocabulary;
  geography: Pick<DistrictGeography, 'places' | 'roads' | 'grids'> & Partial<Pick<DistrictGeography, 'subDistricts'>>;
  /** Point-in-polygon for the grid of a point (the core's locator). */
  locate?: (lngLat: LngLat) => GridAssignment | null;
}

/** What every phase reads: the normalised line, the spans taken so far, and the room. */
export interface Reading {
  text: string;
  spans: SpanTracker;
  context: ParserContext;
  locale: Locale;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const startsLatin = (word: string) => /^[a-z]/i.test(word);
const endsLatin = (word: string) => /[a-z]$/i.test(word);

/** A regular expression source matching any of the words, longest first, Latin ones as whole words. */
export function wordsPattern(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((word) => `${startsLatin(word) ? '\\b' : ''}${escape(word)}${endsLatin(word) ? '\\b' : ''}`)
    .join('|');
}
