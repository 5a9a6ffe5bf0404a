import type { DistrictGeography, GridAssignment, LngLat } from '../domain/district';
import { pointOnRoad } from '../domain/gazetteer';
import { localName, type Locale } from '../domain/names';
import {
  fillerWords,
  layoutWords,
  presentationSwitch,
  selectedCaseWords,
  urgencyWords,
  verbs,
  videoModules,
  wallLayouts,
  type CommandKind,
  type VideoModule,
} from './grammar';
import { maxCommandLength, normalizeCommand, readSmallNumber } from './normalize';
import { lookUpLatin, scanForms, type EntryKind, type Form, type Found, type MatchReason, type Vocabulary, type VocabularyEntry } from './vocabulary';

export interface NamedRef {
  id: string;
  name: string;
  /** The words in the input it was recognised from. */
  text: string;
  matchedBy: MatchReason;
}

export type CaseRef = { kind: 'selected' } | { kind: 'number'; number: string };

export interface ParsedLocation {
  /** The words of the input that name the place. */
  text: string;
  road: { id: string; name: string } | null;
  houseNumber: number | null;
  place: { id: string; name: string } | null;
  /** A metro station exit ("2号口"). */
  exit: number | null;
  lngLat: LngLat | null;
  gridId: string | null;
}

export interface ParsedCategory {
  code: string;
  major: string;
  minor: string;
  text: string;
  matchedBy: MatchReason;
}

export interface Ambiguity {
  field: 'department' | 'category' | 'location' | 'camera';
  text: string;
  candidates: { id: string; name: string; why: MatchReason }[];
  /** What the parse went with, or null when it would not guess. */
  chosen: string | null;
}

export type ParseErrorCode =
  | 'empty'
  | 'tooLong'
  | 'unrecognised'
  | 'missingDepartment'
  | 'missingReason'
  | 'missingTarget'
  | 'missingCategory'
  | 'missingScreen'
  | 'missingCamera'
  | 'badLayout'
  | 'missingModule'
  | 'ambiguous';

/** The parse of one command line; `gridwall parse` prints exactly this (docs/COMMANDS.md). */
export interface Parse {
  input: string;
  kind: CommandKind | null;
  caseRef: CaseRef | null;
  /** The case a merge goes into. */
  targetCaseRef: CaseRef | null;
  /** Lead department first. */
  departments: NamedRef[];
  location: ParsedLocation | null;
  category: ParsedCategory | null;
  urgency: 'urgent' | 'normal';
  count: number | null;
  reason: string | null;
  /** Supervision level asked for (督办 2级). */
  level: number | null;
  screen: number | null;
  camera: NamedRef | null;
  layout: number | null;
  module: VideoModule | null;
  /** true: enter presentation, false: leave, null: toggle (or not a presentation command). */
  presentation: boolean | null;
  unknownWords: string[];
  ambiguities: Ambiguity[];
  error: { code: ParseErrorCode; detail?: string } | null;
}

export interface ParserContext {
  vocabulary: Vocabulary;
  geography: Pick<DistrictGeography, 'places' | 'roads' | 'grids'>;
  /** Point-in-polygon for the grid of a point (the core's locator). */
  locate?: (lngLat: LngLat) => GridAssignment | null;
}

interface Span {
  start: number;
  end: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length);
const latinBoundary = (word: string) => (/^[a-z]/i.test(word) ? '\\b' : '');

/** A regular expression matching any of the words, longest first, Latin ones as whole words. */
function wordsPattern(words: readonly string[]): string {
  return byLength(words)
    .map((word) => `${latinBoundary(word)}${escape(word)}${/[a-z]$/i.test(word) ? '\\b' : ''}`)
    .join('|');
}

const verbPattern = new RegExp(
  `^(?:${verbs.flatMap((verb) => [...verb.zh, ...verb.en].map((word) => ({ word, kind: verb.kind }))).sort((a, b) => b.word.length - a.word.length).map(({ word }) => `${escape(word)}${/[a-z]$/i.test(word) ? '\\b' : ''}`).join('|')})`,
  'i',
);
const verbKind = new Map(verbs.flatMap((verb) => [...verb.zh, ...verb.en].map((word) => [word.toLowerCase(), verb.kind] as const)));
const caseNumberPattern = /(?<![\d-])(20\d{6})[-\s]?(\d{4})(?!\d)/g;
const selectedPattern = new RegExp(wordsPattern([...selectedCaseWords.zh, ...selectedCaseWords.en]), 'gi');
const urgencyPattern = new RegExp(wordsPattern([...urgencyWords.zh, ...urgencyWords.en]), 'gi');
const fieldPattern = /(?:^|\s)(to|dept|部门|reason|原因|理由|cat|类别|at|地点|level|级别)\s*[:=]\s*/gi;
const countPattern = /(\d{1,4}|[一二两三四五六七八九十]{0,2}几十?|好几|[一二两三四五六七八九十]{1,3})\s*(个|辆|处|名|位|家|只|堆|台|根|块|条|间|户|把|顶|棵|起|伙|拨|车)/g;
const englishCountPattern = /\b(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|several)\s+(?=[a-z])/gi;
const levelPattern = /(?:([1-3一二三])\s*级)|(?:\blevel\s*([1-3])\b)/i;
/** "屏11", "11号屏", "screen 11" inside a sentence: the tile the incident was seen on. */
const screenMentionPattern = /(?:大屏|屏幕|屏)\s*(\d{1,3})(?!\d)\s*号?|(?<!\d)(\d{1,3})\s*号\s*(?:大屏|屏幕|屏)|\b(?:screen|scr)\s*(\d{1,3})\b/i;
/** A clock time ("04:19", "5点半", "4 am") says when it was seen; the case records its own time. */
const timePattern = /(?<!\d)\d{1,2}\s*[:：]\s*\d{2}(?!\d)(?:\s*[ap]m\b)?|(?<!\d)\d{1,2}\s*(?:[ap]m\b|点(?:\s*\d{1,2}\s*分|半|钟)?)|[零一二两三四五六七八九十]{1,3}点(?:[零一二三四五六七八九十]{1,3}分|半|钟)?/gi;
/** Words that may open a reason: "原因 不属于本辖区", "because not ours". */
const reasonOpening = /^(?:原因|理由|因为|reason|because)\s*[:：]?\s*/i;

function emptyParse(input: string): Parse {
  return {
    input,
    kind: null,
    caseRef: null,
    targetCaseRef: null,
    departments: [],
    location: null,
    category: null,
    urgency: 'normal',
    count: null,
    reason: null,
    level: null,
    screen: null,
    camera: null,
    layout: null,
    module: null,
    presentation: null,
    unknownWords: [],
    ambiguities: [],
    error: null,
  };
}

/**
 * Reads one command line: a terse command ("派 this 城管 交警",
 * "screen 11 Guangfu Road") or a spoken-style sentence describing an incident
 * ("光复路200号门口3个摊头占道，城管速去"). Pure and total: any string gives
 * a Parse, with `error` set when it cannot be acted on, in time linear in
 * the input (which is capped at 500 characters).
 */
export function parseCommand(raw: string, context: ParserContext, locale: Locale = 'zh-CN'): Parse {
  const text = normalizeCommand(raw);
  const parse = emptyParse(text);
  if (text.length === 0) return { ...parse, error: { code: 'empty' } };
  if (text.length > maxCommandLength) return { ...parse, input: text.slice(0, 80), error: { code: 'tooLong', detail: String(text.length) } };

  const taken: boolean[] = new Array<boolean>(text.length).fill(false);
  const take = (span: Span) => {
    for (let index = span.start; index < span.end; index++) taken[index] = true;
  };
  const isFree = (span: Span) => !taken.slice(span.start, span.end).some(Boolean);
  const name = (entry: VocabularyEntry) => localName(entry.name, locale);

  // 1. The verb, if the line starts with one; "11号屏 光复路" names its screen first.
  const verbMatch = verbPattern.exec(text);
  const screenFirst = verbMatch ? null : /^(\d{1,3})\s*号\s*(?:大屏|屏幕|屏)/.exec(text);
  let verb: CommandKind | null = null;
  const verbEnd = (verbMatch ?? screenFirst)?.[0].length ?? 0;
  if (verbMatch) verb = verbKind.get(verbMatch[0].toLowerCase()) ?? null;
  if (screenFirst) {
    verb = 'screen';
    parse.screen = Number(screenFirst[1]);
  }
  take({ start: 0, end: verbEnd });

  // 2. Field identifiers: "reason: ...", "to:城管", "cat:20101". A reason runs to the end of the line.
  const fields = new Map<string, string>();
  for (const match of text.matchAll(fieldPattern)) {
    const key = match[1]!.toLowerCase();
    const valueStart = match.index + match[0].length;
    const isReason = ['reason', '原因', '理由'].includes(key);
    const valueEnd = isReason ? text.length : valueStart + (/^\S*/.exec(text.slice(valueStart))?.[0].length ?? 0);
    if (!isFree({ start: match.index, end: valueEnd })) continue;
    fields.set(isReason ? 'reason' : key, text.slice(valueStart, valueEnd).trim());
    if (!isReason) take({ start: match.index, end: valueStart });
    else take({ start: match.index, end: valueEnd });
  }
  if (fields.has('reason')) parse.reason = fields.get('reason') || null;

  // 3. Case references: numbers and "this".
  const refs: { at: number; ref: CaseRef }[] = [];
  for (const match of text.matchAll(caseNumberPattern)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!isFree(span)) continue;
    refs.push({ at: span.start, ref: { kind: 'number', number: `${match[1]}-${match[2]}` } });
    take(span);
  }
  if (verb && verb !== 'newCase') {
    for (const match of text.matchAll(selectedPattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!isFree(span)) continue;
      refs.push({ at: span.start, ref: { kind: 'selected' } });
      take(span);
    }
  }
  refs.sort((a, b) => a.at - b.at);
  parse.caseRef = refs[0]?.ref ?? null;
  parse.targetCaseRef = refs[1]?.ref ?? null;

  // 4. Wall commands read their own arguments.
  const rest = text.slice(verbEnd).toLowerCase();
  if (verb === 'screen' && parse.screen === null) {
    const number = /^\s*(?:no\.?\s*)?(\d{1,3})\s*(?:号屏?)?/i.exec(rest);
    if (number) {
      parse.screen = Number(number[1]);
      take({ start: verbEnd, end: verbEnd + number[0].length });
    }
  }
  if (verb !== 'screen') {
    // "屏11 两个摊头": a sentence may say which tile it was seen on.
    const mention = screenMentionPattern.exec(text);
    if (mention && isFree({ start: mention.index, end: mention.index + mention[0].length })) {
      parse.screen = Number(mention[1] ?? mention[2] ?? mention[3]);
      take({ start: mention.index, end: mention.index + mention[0].length });
    }
  }
  if (verb === 'module') {
    for (const [module, words] of Object.entries(videoModules) as [VideoModule, { zh: readonly string[]; en: readonly string[] }][]) {
      if ([...words.zh, ...words.en].some((word) => rest.includes(word))) parse.module = module;
    }
    // "切换九宫格" switches the layout, not the module.
    if (parse.module === null && (Object.keys(layoutWords).some((word) => rest.includes(word)) || /\d/.test(rest))) verb = 'layout';
    else take({ start: verbEnd, end: text.length });
  }
  if (verb === 'layout') {
    const layoutWord = Object.keys(layoutWords).find((word) => rest.includes(word));
    const numeric = /(\d)\s*[x×*]\s*(\d)|(\d{1,2})/.exec(rest);
    if (layoutWord) parse.layout = layoutWords[layoutWord]!;
    else if (numeric?.[2]) parse.layout = Number(numeric[1]) * Number(numeric[2]);
    else if (numeric?.[3]) parse.layout = Number(numeric[3]);
    take({ start: verbEnd, end: text.length });
  } else if (verb === null) {
    // "九宫格", "16分屏" said on their own are layout commands too.
    const spoken = /^(\d{1,2})\s*(?:分屏|画面|宫格)$/.exec(text) ?? (layoutWords[text] ? [text, String(layoutWords[text])] : null);
    if (spoken) {
      verb = 'layout';
      parse.layout = Number(spoken[1]);
      take({ start: 0, end: text.length });
    }
  }
  if (verb === 'presentation') {
    const setting = rest.trim().replace(/^(?:mode|模式)\s*/, '');
    if (new RegExp(`^(?:${wordsPattern([...presentationSwitch.on.zh, ...presentationSwitch.on.en])})`, 'i').test(setting)) parse.presentation = true;
    if (new RegExp(`^(?:${wordsPattern([...presentationSwitch.off.zh, ...presentationSwitch.off.en])})`, 'i').test(setting)) parse.presentation = false;
    take({ start: verbEnd, end: text.length });
  }
  if (verb === null) {
    // "进入演示模式" / "退出演示": the switch word comes first.
    const presentation = /^(进入|开启|打开|退出|关闭|结束|enter|exit|leave|start|stop)\s*(演示模式|演示|汇报模式|presentation(?: mode)?)$/i.exec(text);
    if (presentation) {
      verb = 'presentation';
      parse.presentation = /^(进入|开启|打开|enter|start)/i.test(presentation[1]!);
      take({ start: 0, end: text.length });
    }
  }

  // 5. Supervision level, urgency, counts.
  if (verb === 'supervise') {
    const level = levelPattern.exec(text);
    if (level) {
      parse.level = readSmallNumber(level[1] ?? level[2]!);
      take({ start: level.index, end: level.index + level[0].length });
    }
  }
  for (const match of text.matchAll(urgencyPattern)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!isFree(span)) continue;
    parse.urgency = 'urgent';
    take(span);
  }
  for (const match of text.matchAll(timePattern)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (isFree(span)) take(span);
  }

  // 6. Names from the vocabulary: departments, places, roads, grids, problems, cameras.
  const found = scanForms(text, context.vocabulary, taken);
  const hits: { found: Found; kind: EntryKind; forms: Form[] }[] = [];
  for (const item of found) {
    const kinds = [...new Set(item.forms.map((form) => form.entry.kind))];
    for (const kind of kinds) hits.push({ found: item, kind, forms: item.forms.filter((form) => form.entry.kind === kind) });
  }
  // A Latin word left over may be pinyin, initials or a small typo ("cg", "chengguan", "chenggaun").
  for (const match of text.matchAll(/[a-z][a-z']*/gi)) {
    const span = { start: match.index, end: match.index + match[0].length };
    if (!isFree(span) || fillerWords.en.includes(match[0].toLowerCase())) continue;
    const forms = lookUpLatin(match[0], context.vocabulary).filter((form) => form.entry.kind !== 'category');
    if (forms.length === 0) continue;
    take(span);
    const item: Found = { ...span, text: match[0], forms };
    for (const kind of new Set(forms.map((form) => form.entry.kind))) hits.push({ found: item, kind, forms: forms.filter((form) => form.entry.kind === kind) });
  }
  hits.sort((a, b) => a.found.start - b.found.start);

  const distinctEntries = (forms: Form[]) => [...new Map(forms.map((form) => [form.entry.id, form])).values()];
  const ambiguous = (field: Ambiguity['field'], item: Found, forms: Form[], chosen: string | null) =>
    parse.ambiguities.push({ field, text: item.text, candidates: forms.map((form) => ({ id: form.entry.id, name: name(form.entry), why: form.why })), chosen });

  // Fields name things exactly: "to:城管" is a department, "cat:20101" a category.
  for (const value of (fields.get('to') ?? fields.get('dept') ?? fields.get('部门') ?? '').split(/[,，、]/).filter(Boolean)) {
    const forms = [...(context.vocabulary.byFirst.get(value[0]!.toLowerCase()) ?? []).filter((form) => form.text === value.toLowerCase()), ...lookUpLatin(value, context.vocabulary)].filter(
      (form) => form.entry.kind === 'department',
    );
    const entries = distinctEntries(forms);
    if (entries.length === 1) parse.departments.push({ id: entries[0]!.entry.id, name: name(entries[0]!.entry), text: value, matchedBy: entries[0]!.why });
    else if (entries.length > 1) ambiguous('department', { start: 0, end: 0, text: value, forms }, entries, null);
    else parse.unknownWords.push(value);
  }
  const categoryField = fields.get('cat') ?? fields.get('类别');
  if (categoryField) {
    const category = context.vocabulary.categories.get(categoryField) ?? [...context.vocabulary.categories.values()].find((item) => item.name.zh === categoryField || item.name.en.toLowerCase() === categoryField.toLowerCase());
    if (category) parse.category = { code: category.code, major: localName(category.majorName, locale), minor: localName(category.name, locale), text: categoryField, matchedBy: 'name' };
    else parse.unknownWords.push(categoryField);
  }

  for (const hit of hits) {
    const entries = distinctEntries(hit.forms);
    if (hit.kind === 'department') {
      // "城管 中队": a word that could name several, one of which is already named, means that one.
      if (entries.length > 1 && entries.some((form) => parse.departments.some((department) => department.id === form.entry.id))) continue;
      if (entries.length > 1) {
        ambiguous('department', hit.found, entries, null);
        continue;
      }
      const form = entries[0]!;
      if (!parse.departments.some((department) => department.id === form.entry.id)) {
        parse.departments.push({ id: form.entry.id, name: name(form.entry), text: hit.found.text, matchedBy: form.why });
      }
    } else if (hit.kind === 'category') {
      const form = entries[0]!;
      const category = context.vocabulary.categories.get(form.entry.id)!;
      if (!parse.category) {
        parse.category = { code: category.code, major: localName(category.majorName, locale), minor: localName(category.name, locale), text: hit.found.text, matchedBy: form.why };
        if (entries.length > 1) ambiguous('category', hit.found, entries, category.code);
      } else if (parse.category.code !== category.code && !parse.ambiguities.some((item) => item.field === 'category' && item.candidates.some((candidate) => candidate.id === category.code))) {
        // A second problem named: the first one leads, and the operator sees the other.
        const first = parse.ambiguities.find((item) => item.field === 'category');
        if (first) first.candidates.push({ id: category.code, name: localName(category.name, locale), why: form.why });
        else
          parse.ambiguities.push({
            field: 'category',
            text: `${parse.category.text} / ${hit.found.text}`,
            candidates: [
              { id: parse.category.code, name: parse.category.minor, why: parse.category.matchedBy },
              { id: category.code, name: localName(category.name, locale), why: form.why },
            ],
            chosen: parse.category.code,
          });
      }
    } else if (hit.kind === 'camera') {
      if (entries.length > 1) ambiguous('camera', hit.found, entries, null);
      else if (!parse.camera) parse.camera = { id: entries[0]!.entry.id, name: name(entries[0]!.entry), text: hit.found.text, matchedBy: entries[0]!.why };
    } else {
      if (parse.location) continue; // the first place named is where it happens
      if (entries.length > 1) {
        ambiguous('location', hit.found, entries, null);
        continue;
      }
      parse.location = locationOf(hit.kind, entries[0]!.entry, hit.found, text, taken, context, locale);
    }
  }
  // 7. Counts ("3个摊头", "two vans").
  for (const match of text.matchAll(countPattern)) {
    const span = { start: match.index, end: match.index + match[1]!.length };
    if (!isFree(span) || match[0] === '一起') continue; // "一起" is "together", not one incident
    parse.count = readSmallNumber(match[1]!); // "几个", "十几个": some, but no number to record
    take({ start: match.index, end: match.index + match[0].length });
    break;
  }
  if (parse.count === null) {
    for (const match of text.matchAll(englishCountPattern)) {
      const span = { start: match.index, end: match.index + match[1]!.length };
      if (!isFree(span) || /^(a|an)$/i.test(match[1]!)) continue;
      parse.count = readSmallNumber(match[1]!);
      take(span);
      break;
    }
  }

  // 8. What kind of command this is.
  const describesIncident = parse.category !== null || (parse.location !== null && verb !== 'screen');
  // "派城管去光复路200号…", "Urgent: stalls at …", "屏11 两个摊头…": no case named, an incident described — a new case.
  const opensNewCase = parse.caseRef === null && describesIncident && (verb === 'dispatch' || verb === 'urgent' || (verb === 'screen' && parse.category !== null));
  if (verb === null || verb === 'newCase' || opensNewCase) {
    parse.kind = describesIncident || verb === 'newCase' ? 'newCase' : null;
    if (verb === 'urgent') parse.urgency = 'urgent';
  } else parse.kind = verb;
  if (parse.kind !== 'newCase' && parse.kind !== null && !['screen', 'layout', 'module', 'presentation', 'undo'].includes(parse.kind) && parse.caseRef === null) {
    parse.caseRef = { kind: 'selected' };
  }
  if (parse.kind === 'return' || parse.kind === 'void') {
    // What follows the case is the reason: "退回 this 不属于本单位职责".
    const rest = freeText(text, taken).replace(reasonOpening, '');
    if (!parse.reason && rest) {
      parse.reason = rest;
      take({ start: 0, end: text.length });
    }
  }

  // 9. Whatever is left over is reported, never dropped.
  parse.unknownWords.push(...leftoverWords(text, taken));

  parse.error = firstProblem(parse);
  return parse;
}

function locationOf(kind: EntryKind, entry: VocabularyEntry, found: Found, text: string, taken: boolean[], context: ParserContext, locale: Locale): ParsedLocation {
  const location: ParsedLocation = { text: found.text, road: null, houseNumber: null, place: null, exit: null, lngLat: null, gridId: null };
  const after = text.slice(found.end);
  if (kind === 'road') {
    const road = context.geography.roads.find((item) => item.id === entry.id)!;
    location.road = { id: road.id, name: localName(road.name, locale) };
    // "光复路200号", "Guangfu Road 200", or "200 Guangfu Road".
    const following = /^\s*(?:no\.?\s*)?(\d{1,5})\s*(号|弄|號)?/i.exec(after);
    const precedingMatch = /(\d{1,5})\s*$/.exec(text.slice(0, found.start));
    // A number already read as something else (a screen, a count) is not a house number.
    const preceding = precedingMatch && !taken.slice(precedingMatch.index, found.start).some(Boolean) ? precedingMatch : null;
    const number = following ?? preceding;
    if (number && Number(number[1]) >= road.houseNumbers.from && Number(number[1]) <= road.houseNumbers.to) {
      location.houseNumber = Number(number[1]);
      if (following) {
        location.text = text.slice(found.start, found.end + following[0].length).trim();
        for (let index = found.end; index < found.end + following[0].length; index++) taken[index] = true;
      } else {
        const start = found.start - preceding![0].length;
        location.text = text.slice(start, found.end);
        for (let index = start; index < found.start; index++) taken[index] = true;
      }
      location.lngLat = pointOnRoad(road, location.houseNumber);
    }
  } else if (kind === 'place') {
    const place = context.geography.places.find((item) => item.id === entry.id)!;
    location.place = { id: place.id, name: localName(place.name, locale) };
    location.lngLat = place.lngLat;
    const exit = /^\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*号?\s*(?:出口|口)|^\s*exit\s*(\d{1,2})\b/i.exec(after);
    const exitNumber = exit ? readSmallNumber(exit[1] ?? exit[2]!) : null;
    if (place.kind === 'metro' && exit && exitNumber !== null) {
      location.exit = exitNumber;
      location.text = text.slice(found.start, found.end + exit[0].length).trim();
      for (let index = found.end; index < found.end + exit[0].length; index++) taken[index] = true;
    }
  } else if (kind === 'grid') {
    location.gridId = entry.id;
  }
  if (location.lngLat && context.locate) location.gridId = context.locate(location.lngLat)?.gridId ?? null;
  return location;
}

/** The untaken text, as one trimmed string (a reason). */
function freeText(text: string, taken: boolean[]): string {
  return Array.from(text, (character, index) => (taken[index] ? ' ' : character))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,，:：]+|[\s,，。.!！]+$/g, '')
    .trim();
}

const zhFillers = byLength(fillerWords.zh);
const enFillers = new Set(fillerWords.en);

/** Words nobody recognised, after dropping punctuation and the words that only join a sentence. */
function leftoverWords(text: string, taken: boolean[]): string[] {
  const words: string[] = [];
  const withoutContractions = freeText(text, taken).replace(/(?<=[a-z])(?:'(?:s|re|ll|ve|d|m)|n't)\b/gi, '');
  for (const chunk of withoutContractions.split(/[\s,，。.、;；:：!！?？"“”'‘’()（）\-—…~·/]+/)) {
    if (!chunk) continue;
    if (/^[a-z0-9']+$/i.test(chunk)) {
      if (!enFillers.has(chunk.toLowerCase()) && !/^\d+$/.test(chunk)) words.push(chunk);
      continue;
    }
    let rest = chunk;
    for (const filler of zhFillers) rest = rest.split(filler).join(' ');
    for (const word of rest.split(/\s+/)) if (word && !/^\d+$/.test(word)) words.push(word);
  }
  return [...new Set(words)];
}

function firstProblem(parse: Parse): Parse['error'] {
  if (parse.kind === null) return { code: 'unrecognised' };
  if (parse.ambiguities.some((item) => item.chosen === null)) return { code: 'ambiguous' };
  switch (parse.kind) {
    case 'dispatch':
    case 'assist':
      return parse.departments.length ? null : { code: 'missingDepartment' };
    case 'return':
    case 'void':
      return parse.reason ? null : { code: 'missingReason' };
    case 'merge':
      return parse.targetCaseRef ? null : { code: 'missingTarget' };
    case 'newCase':
      return parse.category ? null : { code: 'missingCategory' };
    case 'screen':
      if (parse.screen === null) return { code: 'missingScreen' };
      return parse.camera || parse.location ? null : { code: 'missingCamera' };
    case 'layout':
      return parse.layout !== null && (wallLayouts as readonly number[]).includes(parse.layout) ? null : { code: 'badLayout', detail: wallLayouts.join('/') };
    case 'module':
      return parse.module ? null : { code: 'missingModule' };
    default:
      return null;
  }
}
