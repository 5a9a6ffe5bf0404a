import { fillerWords, landmarkStops, landmarkSuffixes } from '../grammar';
import { readSmallNumber } from '../normalize';
import type { PlacePart } from './location';
import { wordsPattern, type Reading } from './reading';

const suffixPattern = new RegExp(wordsPattern(landmarkSuffixes), 'g');
const stops = new Set(landmarkStops);
/** "旁边超市", "门口小区": words that place it, not its name (one-character fillers may begin a name: "上海中学"). */
const leadingFillers = new RegExp(`^(?:${wordsPattern(fillerWords.zh.filter((word) => word.length > 1))})+`);
const han = /\p{Script=Han}/u;
/** Estates number their buildings: "阳光小区12号", "375弄5号". */
const estateSuffixes = new Set(['小区', '新村', '花园', '公寓', '苑', '里弄']);
const estateHouse = /^\s*(\d{1,4})\s*号(?![楼口屏线门院])/;
const buildingPattern = /(?<![\d#])(\d{1,4}|[一二三四五六七八九十]{1,3})\s*(?:号楼|号楼|幢|栋|座)(?:\s*\d{1,2}\s*(?:单元|门))?(?:\s*\d{1,5}\s*(?:室|号房))?/g;
const roomPattern = /(?<![\d#])\d{1,5}\s*(?:室|号房)/g;
/** Longest name kept before a suffix: longer runs are a sentence, not a name. */
const maxNameLength = 8;

/**
 * Places the gazetteer does not know, kept as said: "某某中学", "阳光小区".
 * The name is the run of characters no phase has read before the suffix,
 * up to a word that cannot be part of a name ("有个小区" names no estate).
 */
export function findLandmarks(reading: Reading): PlacePart[] {
  const { text, spans } = reading;
  const parts: PlacePart[] = [];
  for (const match of spans.freeMatches(suffixPattern)) {
    let start = match.start;
    while (start > 0 && match.start - start < maxNameLength && !spans.isTaken(start - 1) && han.test(text[start - 1]!) && !stops.has(text[start - 1]!)) start--;
    const name = text.slice(start, match.start).replace(leadingFillers, '');
    start = match.start - name.length;
    // A one-character suffix ("苑") needs a name before it.
    if (match[0].length === 1 && name.length < 2) continue;
    let end = match.end;
    const house = estateSuffixes.has(match[0]) ? estateHouse.exec(text.slice(end)) : null;
    const landmark = text.slice(start, end);
    const part: PlacePart = { start, end, role: 'point', id: landmark, name: landmark, fields: { landmark }, lngLat: null };
    if (house && spans.isFree({ start: end, end: end + house[0].length })) {
      end += house[0].length;
      part.fields.building = Number(house[1]);
      part.end = end;
    }
    spans.take({ start, end });
    parts.push(part);
  }
  return parts;
}

/** "3号楼", "5幢2单元501室": a building, said with or beside its estate; "302室" a flat, kept in the words of the address. */
export function findBuildings(reading: Reading): PlacePart[] {
  const parts: PlacePart[] = [];
  for (const match of reading.spans.freeMatches(buildingPattern)) {
    const building = readSmallNumber(match[1]!);
    if (building === null) continue;
    reading.spans.take(match);
    parts.push({ start: match.start, end: match.end, role: 'point', id: match[0], name: match[0], fields: { building }, lngLat: null });
  }
  for (const match of reading.spans.freeMatches(roomPattern)) {
    reading.spans.take(match);
    parts.push({ start: match.start, end: match.end, role: 'point', id: match[0], name: match[0], fields: {}, lngLat: null });
  }
  return parts;
}
