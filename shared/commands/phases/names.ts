import { localName } from '../../domain/names';
import { fillerWords, personSuffixes } from '../grammar';
import type { Ambiguity, NamedRef } from '../parseResult';
import { lookUpLatin, reasonRank, scanForms, type EntryKind, type Form, type Found, type VocabularyEntry } from '../vocabulary';
import type { Fields } from './fields';
import type { Reading } from './reading';

/** One name found in the line, for one kind of thing (a word may name a place and a problem: "鬼市"). */
export interface Hit {
  found: Found;
  kind: EntryKind;
  /** One form per entry it could be. */
  forms: Form[];
}

const byLength = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length);
/** "城管队员", and "食药监的同志" with a "的" between. */
const suffixes = byLength([...personSuffixes, ...personSuffixes.filter((word) => !word.startsWith('的')).map((word) => `的${word}`)]);
const englishFillers = new Set(fillerWords.en);

function hitsOf(found: Found): Hit[] {
  const kinds = [...new Set(found.forms.map((form) => form.entry.kind))];
  return kinds.map((kind) => ({ found, kind, forms: [...new Map(found.forms.filter((form) => form.entry.kind === kind).map((form) => [form.entry.id, form])).values()] }));
}

/**
 * Names from the room's vocabulary, longest first: departments, places,
 * roads, grids, sub-districts, problems, cameras. A department said as its
 * people ("城管队员", "联勤人员") takes the word for its people with it.
 */
export function scanNames(reading: Reading): Hit[] {
  const { text, spans } = reading;
  const hits = scanForms(text, reading.context.vocabulary, spans).flatMap(hitsOf);
  for (const hit of hits) {
    if (hit.kind !== 'department') continue;
    const suffix = suffixes.find((word) => text.startsWith(word, hit.found.end) && spans.isFree({ start: hit.found.end, end: hit.found.end + word.length }));
    if (!suffix) continue;
    const end = hit.found.end + suffix.length;
    spans.take({ start: hit.found.end, end });
    hit.found = { ...hit.found, end, text: text.slice(hit.found.start, end) };
  }
  return hits;
}

/** A Latin word left over may be pinyin, initials or a small typo ("cg", "chengguan", "chenggaun"); never a problem word. */
export function scanLatinWords(reading: Reading): Hit[] {
  const hits: Hit[] = [];
  for (const match of reading.spans.freeMatches(/[a-z][a-z']*/gi)) {
    if (englishFillers.has(match[0].toLowerCase())) continue;
    const forms = lookUpLatin(match[0], reading.context.vocabulary).filter((form) => form.entry.kind !== 'category');
    if (forms.length === 0) continue;
    reading.spans.take(match);
    hits.push(...hitsOf({ start: match.start, end: match.end, text: match[0], forms }));
  }
  return hits;
}

export function candidatesOf(forms: readonly Form[], reading: Reading): Ambiguity['candidates'] {
  return forms.map((form) => ({ id: form.entry.id, name: localName(form.entry.name, reading.locale), why: form.why }));
}

/** Of the units a word could name, the ones it names most directly: a unit's own name beats another unit's alias. */
function strongest(forms: readonly Form[]): Form[] {
  const best = Math.min(...forms.map((form) => reasonRank[form.why]));
  return forms.filter((form) => reasonRank[form.why] === best);
}

export interface Departments {
  departments: NamedRef[];
  ambiguities: Ambiguity[];
  /** Field values ("to:月球") that name no department. */
  unknown: string[];
}

/** Departments in the order said, lead first; a word that could be two units is never guessed. */
export function readDepartments(reading: Reading, hits: readonly Hit[], fields: Fields): Departments {
  const result: Departments = { departments: [], ambiguities: [], unknown: [] };
  const named = (entry: VocabularyEntry) => result.departments.some((department) => department.id === entry.id);
  const push = (form: Form, text: string) => {
    if (!named(form.entry)) result.departments.push({ id: form.entry.id, name: localName(form.entry.name, reading.locale), text, matchedBy: form.why });
  };
  const choose = (forms: Form[], text: string) => {
    const best = strongest(forms);
    // "城管 中队": a word that could name several, one of which is already named, means that one.
    if (best.length > 1 && best.some((form) => named(form.entry))) return;
    if (best.length > 1) result.ambiguities.push({ field: 'department', text, candidates: candidatesOf(best, reading), chosen: null });
    else push(best[0]!, text);
  };
  for (const value of fields.departments) {
    const vocabulary = reading.context.vocabulary;
    const exact = (vocabulary.byFirst.get(value[0]!.toLowerCase()) ?? []).filter((form) => form.text === value.toLowerCase());
    const forms = [...exact, ...lookUpLatin(value, vocabulary)].filter((form) => form.entry.kind === 'department');
    const distinct = [...new Map(forms.map((form) => [form.entry.id, form])).values()];
    if (distinct.length) choose(distinct, value);
    else result.unknown.push(value);
  }
  for (const hit of hits) if (hit.kind === 'department') choose(hit.forms, hit.found.text);
  return result;
}

/** The camera a screen command names ("屏3 光复路早市东"). */
export function readCamera(reading: Reading, hits: readonly Hit[]): { camera: NamedRef | null; ambiguities: Ambiguity[] } {
  let camera: NamedRef | null = null;
  const ambiguities: Ambiguity[] = [];
  for (const hit of hits) {
    if (hit.kind !== 'camera') continue;
    if (hit.forms.length > 1) ambiguities.push({ field: 'camera', text: hit.found.text, candidates: candidatesOf(hit.forms, reading), chosen: null });
    else camera ??= { id: hit.forms[0]!.entry.id, name: localName(hit.forms[0]!.entry.name, reading.locale), text: hit.found.text, matchedBy: hit.forms[0]!.why };
  }
  return { camera, ambiguities };
}
