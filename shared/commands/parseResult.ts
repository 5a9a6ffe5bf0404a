import type { LngLat } from '../domain/district';
import type { CommandKind, VideoModule } from './grammar';
import type { MatchReason } from './vocabulary';

/** The shape `parseCommand` returns and `gridwall parse` prints (docs/COMMANDS.md is the reader's version). */

export interface NamedRef {
  id: string;
  name: string;
  /** The words in the input it was recognised from. */
  text: string;
  matchedBy: MatchReason;
}

/**
 * A case named in the line. `serial` is a short daily serial ("0017", "35号")
 * as the parser read it; the core resolves it against today's cases, then
 * recent days', into a `number` ref carrying `serial` and whether it is today's.
 */
export type CaseRef =
  | { kind: 'selected' }
  | { kind: 'number'; number: string; serial?: number; today?: boolean }
  | { kind: 'serial'; serial: number; text: string };

export interface ParsedLocation {
  /** The words of the input that name the place. */
  text: string;
  road: { id: string; name: string } | null;
  houseNumber: number | null;
  /** A lane (弄) off the road, numbered like a house: "临汾路375弄". */
  lane: number | null;
  /** The other road of an intersection ("中山北路共和新路口") or the road it is near ("X路近Y路"). */
  crossRoad: { id: string; name: string } | null;
  crossing: 'junction' | 'near' | null;
  place: { id: string; name: string } | null;
  /** A metro station exit ("2号口"). */
  exit: number | null;
  /** A place the gazetteer does not know, kept as said: "某某中学", "阳光小区", "小区". */
  landmark: string | null;
  /** A building of an estate or lane: "3号楼", "5幢", "375弄12号". */
  building: number | null;
  /** A sub-district named as a place ("彭浦新村街道有个小区"): locates the case without adding its office. */
  subDistrict: { id: string; name: string } | null;
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
  field: 'department' | 'category' | 'location' | 'camera' | 'case';
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
  | 'ambiguous'
  /** A number nobody used in a line that acts on a case: it may have been meant as the case. */
  | 'strayNumber'
  /** More cases named than the command acts on. */
  | 'tooManyCases'
  /** A case named, but nothing said to do with it. */
  | 'missingVerb'
  /** A serial that is neither today's nor any recent day's case. */
  | 'serialNotFound';

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
  /** Why it is urgent: words said ("马上", "有危险") or a category urgent by default (a gas leak). */
  urgencyFrom: 'words' | 'category' | null;
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

export function emptyParse(input: string): Parse {
  return {
    input,
    kind: null,
    caseRef: null,
    targetCaseRef: null,
    departments: [],
    location: null,
    category: null,
    urgency: 'normal',
    urgencyFrom: null,
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

export function emptyLocation(text: string): ParsedLocation {
  return { text, road: null, houseNumber: null, lane: null, crossRoad: null, crossing: null, place: null, exit: null, landmark: null, building: null, subDistrict: null, lngLat: null, gridId: null };
}
