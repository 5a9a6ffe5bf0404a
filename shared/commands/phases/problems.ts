import { localName } from '../../domain/names';
import type { Ambiguity, ParsedCategory } from '../parseResult';
import type { Span } from '../spans';
import type { Vocabulary } from '../vocabulary';
import type { Fields } from './fields';
import type { Hit } from './names';
import type { Reading } from './reading';

export interface Problem {
  category: ParsedCategory | null;
  ambiguities: Ambiguity[];
  /** Field values ("cat:99999") that name no category. */
  unknown: string[];
}

export interface CategoryHit extends Span {
  codes: string[];
  text: string;
}

const clauseBreak = /[，,。;；!！?？\n]/;
const latinWord = /[a-z0-9]/;

/**
 * The problem: a category's name or everyday word ("摊头", "van parked"),
 * or words said together in one clause ("停了一辆货车"). The first problem
 * named leads; any other is shown as a possible alternative.
 */
export function readProblem(reading: Reading, hits: readonly Hit[], combinations: readonly CategoryHit[], fields: Fields): Problem {
  const result: Problem = { category: null, ambiguities: [], unknown: [] };
  for (const value of fields.categories) {
    const code = categoryNamed(reading.context.vocabulary, value);
    if (code) nameCategory(reading, result, { code, text: value, why: 'name' });
    else result.unknown.push(value);
  }
  const wordHits: CategoryHit[] = hits.filter((hit) => hit.kind === 'category').map((hit) => ({ ...hit.found, codes: hit.forms.map((form) => form.entry.id) }));
  const categoryHits = [...wordHits, ...combinations].sort((a, b) => a.start - b.start);
  const whyOf = (hit: CategoryHit, code: string) => hits.find((item) => item.found.start === hit.start && item.kind === 'category')?.forms.find((form) => form.entry.id === code)?.why ?? 'word';
  for (const hit of categoryHits) for (const code of hit.codes) nameCategory(reading, result, { code, text: hit.text, why: whyOf(hit, code) });
  return result;
}

/** A "cat:" value: a category's code or its name in either language. */
function categoryNamed(vocabulary: Vocabulary, value: string): string | null {
  const lower = value.toLowerCase();
  return vocabulary.categories.get(value)?.code ?? [...vocabulary.categories.values()].find((item) => item.name.zh === value || item.name.en.toLowerCase() === lower)?.code ?? null;
}

/** The first problem named leads; a different one named later is shown to the operator as an alternative. */
function nameCategory(reading: Reading, result: Problem, named: { code: string; text: string; why: ParsedCategory['matchedBy'] }): void {
  const { code, text, why } = named;
  if (!result.category) {
    result.category = categoryOf(reading, code, text, why);
    return;
  }
  if (code === result.category.code) return;
  const candidate = { id: code, name: localName(reading.context.vocabulary.categories.get(code)!.name, reading.locale), why };
  const existing = result.ambiguities[0];
  if (existing?.candidates.some((item) => item.id === code)) return;
  if (existing) existing.candidates.push(candidate);
  else {
    const first = result.category;
    result.ambiguities.push({ field: 'category', text: first.text === text ? text : `${first.text} / ${text}`, candidates: [{ id: first.code, name: first.minor, why: first.matchedBy }, candidate], chosen: first.code });
  }
}

function categoryOf(reading: Reading, code: string, text: string, matchedBy: ParsedCategory['matchedBy']): ParsedCategory {
  const category = reading.context.vocabulary.categories.get(code)!;
  return { code, major: localName(category.majorName, reading.locale), minor: localName(category.name, reading.locale), text, matchedBy };
}

/**
 * Words said together in one clause ("小区门口停了一辆货车": a vehicle and
 * a parking verb). Read after the names, and a word of a combination may
 * take in a problem word the names found ("垃圾" in "垃圾桶都满出来了"),
 * never part of a name or of a longer word ("车" in "黑车", "小学" in
 * "康乐路小学"). Combinations of more groups go first: the most specific
 * reading wins. Returns the readings and the problem words they took in.
 */
export function readCombinations(reading: Reading, hits: readonly Hit[]): { combinations: CategoryHit[]; absorbed: Set<Hit> } {
  const { text } = reading;
  const vocabulary: Vocabulary = reading.context.vocabulary;
  const lower = text.toLowerCase();
  const combinations: CategoryHit[] = [];
  const absorbed = new Set<Hit>();
  const taken: Taken = { reading, lower, owners: ownersOf(text.length, hits), found: [], containers: vocabulary.containers };
  let clauseStart = 0;
  for (const clauseText of text.split(clauseBreak)) {
    const clause = { start: clauseStart, end: clauseStart + clauseText.length };
    clauseStart = clause.end + 1;
    if (clauseText.trim() === '') continue;
    for (const combination of vocabulary.combinations) {
      const found: Span[] = [];
      for (const group of combination.groups) {
        const span = findWord(group, clause, { ...taken, found });
        if (!span) break;
        found.push(span);
      }
      if (found.length !== combination.groups.length) continue;
      found.sort((a, b) => a.start - b.start);
      for (const span of found) {
        for (let index = span.start; index < span.end; index++) for (const hit of taken.owners[index] ?? []) absorbed.add(hit);
        reading.spans.take(span);
      }
      combinations.push({ start: found[0]!.start, end: found.at(-1)!.end, codes: [combination.code], text: found.map((span) => text.slice(span.start, span.end)).join('…') });
    }
  }
  return { combinations, absorbed };
}

/** For each position, the names found over it. */
function ownersOf(length: number, hits: readonly Hit[]): (Hit[] | undefined)[] {
  const owners: (Hit[] | undefined)[] = new Array(length);
  for (const hit of hits) for (let index = hit.found.start; index < hit.found.end; index++) (owners[index] ??= []).push(hit);
  return owners;
}

interface Taken {
  reading: Reading;
  lower: string;
  owners: (Hit[] | undefined)[];
  /** Words this combination already found. */
  found: readonly Span[];
  containers: Vocabulary['containers'];
}

/** A taken character may only be part of a problem word that lies wholly inside the span (and names nothing else). */
function canTake(span: Span, taken: Taken): boolean {
  for (let index = span.start; index < span.end; index++) {
    if (!taken.reading.spans.isTaken(index)) continue;
    const owners = taken.owners[index];
    if (!owners?.length) return false;
    if (owners.some((hit) => hit.kind !== 'category' || hit.found.start < span.start || hit.found.end > span.end)) return false;
  }
  return true;
}

/** The first place in the clause where one of the words is said on its own (Latin words whole), not overlapping words already found. */
function findWord(words: readonly string[], clause: Span, taken: Taken): Span | null {
  const { lower } = taken;
  for (const word of words) {
    for (let index = lower.indexOf(word, clause.start); index >= 0 && index + word.length <= clause.end; index = lower.indexOf(word, index + 1)) {
      const span = { start: index, end: index + word.length };
      if (taken.found.some((other) => other.start < span.end && span.start < other.end) || !canTake(span, taken)) continue;
      if (/^[a-z]/.test(word) && ((index > 0 && latinWord.test(lower[index - 1]!)) || latinWord.test(lower[span.end] ?? ''))) continue;
      if ((taken.containers.get(word) ?? []).some((container) => lower.startsWith(container.text, index - container.offset))) continue;
      return span;
    }
  }
  return null;
}
