import type { LngLat, Road } from '../../domain/district';
import { pointOnRoad } from '../../domain/gazetteer';
import { distanceM } from '../../domain/geo';
import { localName } from '../../domain/names';
import { crossingWords } from '../grammar';
import { junctionOf, nearOn } from '../crossing';
import { readSmallNumber } from '../normalize';
import { emptyLocation, type Ambiguity, type ParsedLocation } from '../parseResult';
import type { Span } from '../spans';
import { findLandmarks, findBuildings } from './landmarks';
import { candidatesOf, type Hit } from './names';
import { wordsPattern, type Reading } from './reading';

/** A part of a place said in the line: a road and its number, a named place, a landmark, or an area around them. */
export interface PlacePart extends Span {
  /** Points say where; areas (a grid, a sub-district) only narrow it, wherever they are said. */
  role: 'point' | 'area';
  id: string;
  name: string;
  fields: Partial<ParsedLocation>;
  lngLat: LngLat | null;
}

export interface LocationReading {
  location: ParsedLocation | null;
  ambiguities: Ambiguity[];
  /** House numbers the road does not have ("天目西路500号"): said, and not used. */
  unknown: string[];
}

const locationKinds = new Set(['road', 'place', 'grid', 'subDistrict']);
/** A named place and the road number beside it further apart than this are two places, not one. */
const samePlaceMeters = 600;
const joinerGap = new RegExp(`^(?:${wordsPattern(crossingWords.joiners)})?$`, 'i');
const nearGap = new RegExp(`^(?:${wordsPattern([...crossingWords.near, ...crossingWords.nearEn])})$`, 'i');
const junctionAfter = new RegExp(`^\\s*(?:${wordsPattern(crossingWords.junction)})`);
const junctionBefore = new RegExp(`(?:${crossingWords.openingEn.map((words) => words.replace(' ', '\\s+')).join('|')})\\s+(?:the\\s+)?$`, 'i');
const numberAfterRoad = /^\s*(?:no\.?\s*)?(\d{1,5})\s*(号|弄|號)?(?:\s*(\d{1,4})\s*[号號](?![楼口屏]))?/i;
const numberBeforeRoad = /(\d{1,5})\s*$/;
/** "光复路口": at the road's junction, the other road unsaid. */
const roadMouth = /^(?:路口|口)(?![号])/;
const exitAfter = /^\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*号?\s*(?:出口|口)|^\s*exit\s*(\d{1,2})\b|^\s*出口\s*(\d{1,2})/i;
/** Between two parts of one address: nothing, a space, a comma, or where one is from the other ("门口的超市", "旁边的工地"). */
const adjacentGap = /^[\s,，、]*(?:(?:门口|旁边|对面|附近|隔壁|里面|里|边上|楼下|后面|前面|内)的?)?[\s,，、的]*$/;

/**
 * Where: a road and house number or lane, an intersection, a named place
 * and its metro exit, a landmark the gazetteer does not know, a building,
 * a grid or a sub-district. Parts said side by side are one address
 * ("共和新路1200号某某中学门口"); the first address leads, and another one
 * said elsewhere is shown to the operator, never silently dropped.
 */
export function readLocation(reading: Reading, hits: readonly Hit[]): LocationReading {
  const result: LocationReading = { location: null, ambiguities: [], unknown: [] };
  const problemWords = new Set(hits.filter((hit) => hit.kind === 'category').map((hit) => hit.found.start));
  const allPlaceHits = hits.filter((hit) => locationKinds.has(hit.kind));
  // "鬼市" names a place and a problem: beside another place it is the problem, not a second place.
  const placeHits = allPlaceHits.filter((hit) => !problemWords.has(hit.found.start) || allPlaceHits.every((other) => problemWords.has(other.found.start))).sort((a, b) => a.found.start - b.found.start);
  const parts: (PlacePart | { ambiguous: Hit; start: number; end: number })[] = [];
  for (let index = 0; index < placeHits.length; index++) {
    const hit = placeHits[index]!;
    if (hit.forms.length > 1) {
      parts.push({ ambiguous: hit, start: hit.found.start, end: hit.found.end + ambiguousNumberLength(reading, hit) });
      continue;
    }
    if (hit.kind === 'road') {
      const next = placeHits[index + 1];
      const road = roadPart(reading, hit, next?.kind === 'road' && next.forms.length === 1 ? next : undefined, result.unknown);
      if (road.usedNext) index++;
      parts.push(road.part);
    } else parts.push(otherPart(reading, hit));
  }
  parts.push(...findLandmarks(reading), ...findBuildings(reading));
  parts.sort((a, b) => a.start - b.start);
  const group = groupParts(reading, parts, result.ambiguities);
  if (group.length) result.location = merge(reading, group, result.ambiguities);
  return result;
}

/** "天目路50号", "天目路口" could be two roads: the number or the junction goes with the words that are ambiguous. */
function ambiguousNumberLength(reading: Reading, hit: Hit): number {
  if (hit.kind !== 'road') return 0;
  const number = numberAfterRoad.exec(reading.text.slice(hit.found.end)) ?? roadMouth.exec(reading.text.slice(hit.found.end));
  const span = number && { start: hit.found.end, end: hit.found.end + number[0].length };
  if (!number || !span || !reading.spans.isFree(span)) return 0;
  reading.spans.take(span);
  return number[0].length;
}

function otherPart(reading: Reading, hit: Hit): PlacePart {
  const entry = hit.forms[0]!.entry;
  const name = localName(entry.name, reading.locale);
  const base = { start: hit.found.start, end: hit.found.end, id: entry.id, name, lngLat: null };
  if (hit.kind === 'grid') return { ...base, role: 'area', fields: { gridId: entry.id } };
  if (hit.kind === 'subDistrict') return { ...base, role: 'area', fields: { subDistrict: { id: entry.id, name } } };
  const place = reading.context.geography.places.find((item) => item.id === entry.id)!;
  const part: PlacePart = { ...base, role: 'point', fields: { place: { id: place.id, name } }, lngLat: place.lngLat };
  const exit = exitAfter.exec(reading.text.slice(hit.found.end));
  const exitNumber = exit ? readSmallNumber(exit[1] ?? exit[2] ?? exit[3]!) : null;
  const exitSpan = exit && { start: hit.found.end, end: hit.found.end + exit[0].length };
  if (place.kind === 'metro' && exitSpan && exitNumber !== null && reading.spans.isFree(exitSpan)) {
    reading.spans.take(exitSpan);
    part.fields.exit = exitNumber;
    part.end = exitSpan.end;
  }
  return part;
}

/** A road, then what follows it: the other road of a junction, a house number or lane, the road it is near. */
function roadPart(reading: Reading, hit: Hit, next: Hit | undefined, unknown: string[]): { part: PlacePart; usedNext: boolean } {
  const { text, spans, context } = reading;
  const road = context.geography.roads.find((item) => item.id === hit.forms[0]!.entry.id)!;
  const name = localName(road.name, reading.locale);
  const part: PlacePart = { start: hit.found.start, end: hit.found.end, role: 'point', id: road.id, name, fields: { road: { id: road.id, name } }, lngLat: null };
  let usedNext = false;
  const other = next && context.geography.roads.find((item) => item.id === next.forms[0]!.entry.id);
  const crossWith = (crossing: 'junction' | 'near', end: number) => {
    part.fields.crossRoad = { id: other!.id, name: localName(other!.name, reading.locale) };
    part.fields.crossing = crossing;
    part.lngLat = crossing === 'junction' ? junctionOf(road.line, other!.line) : nearOn(road.line, other!.line);
    spans.take({ start: part.end, end });
    part.end = end;
    usedNext = true;
  };
  if (other && next) {
    const gap = spans.gapText(hit.found.end, next.found.start);
    const junctionWord = junctionAfter.exec(text.slice(next.found.end));
    const opening = junctionBefore.exec(text.slice(0, hit.found.start));
    if (joinerGap.test(gap) && (gap === '' || junctionWord || opening || /^(?:\/|&|at)$/i.test(gap))) {
      crossWith('junction', next.found.end + (junctionWord?.[0].length ?? 0));
      if (opening) {
        spans.take({ start: opening.index, end: hit.found.start });
        part.start = opening.index;
      }
      return { part, usedNext };
    }
    if (nearGap.test(gap)) crossWith('near', next.found.end);
  }
  readHouseNumber(reading, part, road, unknown);
  const mouth = roadMouth.exec(text.slice(part.end));
  if (mouth && spans.isFree({ start: part.end, end: part.end + mouth[0].length })) {
    spans.take({ start: part.end, end: part.end + mouth[0].length });
    part.end += mouth[0].length;
  }
  if (!usedNext && other && next && nearGap.test(spans.gapText(part.end, next.found.start))) crossWith('near', next.found.end);
  return { part, usedNext };
}

/** "光复路200号", "临汾路375弄12号", "Guangfu Road 200", "200 Guangfu Road"; a number the road does not have is reported. */
function readHouseNumber(reading: Reading, part: PlacePart, road: Road, unknown: string[]): void {
  const { text, spans } = reading;
  const following = numberAfterRoad.exec(text.slice(part.end));
  const followingSpan = following && { start: part.end, end: part.end + following[0].length };
  const precedingMatch = following ? null : numberBeforeRoad.exec(text.slice(0, part.start));
  const precedingSpan = precedingMatch && { start: part.start - precedingMatch[0].length, end: part.start };
  const span = followingSpan && spans.isFree(followingSpan) ? followingSpan : precedingSpan && spans.isFree(precedingSpan) ? precedingSpan : null;
  if (!span) return;
  const match = span === followingSpan ? following! : precedingMatch!;
  const number = Number(match[1]);
  spans.take(span);
  if (number < road.houseNumbers.from || number > road.houseNumbers.to) {
    unknown.push(match[0].trim());
    return;
  }
  if (match[2] === '弄') part.fields.lane = number;
  else part.fields.houseNumber = number;
  if (match[3]) part.fields.building = Number(match[3]);
  part.start = Math.min(part.start, span.start);
  part.end = Math.max(part.end, span.end);
  part.lngLat ??= pointOnRoad(road, number);
}

type Part = PlacePart | { ambiguous: Hit; start: number; end: number };

/**
 * The parts of the first address: the first point and the points said
 * right beside it, plus every area. A point said elsewhere is another
 * address, shown as an alternative the parse did not take.
 */
function groupParts(reading: Reading, parts: Part[], ambiguities: Ambiguity[]): PlacePart[] {
  const group: PlacePart[] = [];
  let lead: PlacePart | null = null;
  let end = -1;
  for (const part of parts) {
    if ('ambiguous' in part) {
      const candidates = candidatesOf(part.ambiguous.forms, reading);
      const text = reading.text.slice(part.start, part.end).trim();
      if (lead) ambiguities.push({ field: 'location', text, candidates: [{ id: lead.id, name: lead.name, why: 'name' }, ...candidates], chosen: lead.id });
      else ambiguities.push({ field: 'location', text, candidates, chosen: null });
      continue;
    }
    // Words another phase took in between ("光复路200号摊头康乐小学") keep two places apart.
    const beside = lead !== null && adjacentGap.test(reading.spans.gapText(end, part.start));
    if (part.role === 'area' || lead === null || beside) {
      group.push(part);
      if (part.role === 'point') {
        lead ??= part;
        end = Math.max(end, part.end);
      }
      continue;
    }
    if (ambiguities.some((item) => item.field === 'location' && item.chosen === null)) continue;
    ambiguities.push({ field: 'location', text: `${reading.text.slice(lead.start, end)} / ${reading.text.slice(part.start, part.end)}`, candidates: [{ id: lead.id, name: lead.name, why: 'name' }, { id: part.id, name: part.name, why: 'name' }], chosen: lead.id });
  }
  return group;
}

/** One ParsedLocation from the parts of one address; a named place and a road number far apart are not guessed between. */
function merge(reading: Reading, group: PlacePart[], ambiguities: Ambiguity[]): ParsedLocation {
  const location = emptyLocation(textOf(reading, group));
  for (const part of group) {
    for (const [key, value] of Object.entries(part.fields) as [keyof ParsedLocation, never][]) if (location[key] === null) location[key] = value;
  }
  const placePoint = group.find((part) => part.fields.place)?.lngLat ?? null;
  const roadPart = group.find((part) => part.fields.road && part.lngLat);
  if (placePoint && roadPart && distanceM(placePoint, roadPart.lngLat!) > samePlaceMeters) {
    const place = group.find((part) => part.fields.place)!;
    ambiguities.push({ field: 'location', text: location.text, candidates: [{ id: roadPart.id, name: roadPart.name, why: 'name' }, { id: place.id, name: place.name, why: 'name' }], chosen: null });
  }
  location.lngLat = placePoint ?? roadPart?.lngLat ?? null;
  if (location.lngLat && reading.context.locate) location.gridId = reading.context.locate(location.lngLat)?.gridId ?? location.gridId;
  return location;
}

/** The words of the address as said: one stretch when its parts are said together, else the parts joined ("彭浦新村街道 小区"). */
function textOf(reading: Reading, group: PlacePart[]): string {
  const sorted = [...group].sort((a, b) => a.start - b.start);
  const close = sorted.every((part, index) => index === 0 || adjacentGap.test(reading.text.slice(sorted[index - 1]!.end, part.start)));
  if (close) return reading.text.slice(sorted[0]!.start, Math.max(...sorted.map((part) => part.end))).trim();
  return sorted.map((part) => reading.text.slice(part.start, part.end).trim()).join(' ');
}
