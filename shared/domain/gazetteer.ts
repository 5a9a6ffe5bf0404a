import type { DistrictGeography, LngLat, Road } from './district';

export type GeocodeHit =
  | { kind: 'place'; placeId: string; name: string; lngLat: LngLat }
  | { kind: 'address'; roadId: string; name: string; houseNumber: number; lngLat: LngLat };

/**
 * Finds coordinates for free text the way the room writes places: a named
 * place ("曲阜路地铁站", "康乐路小学") or a road and house number
 * ("光复路200号", "光复路 200 号"). The longest match wins; unknown text
 * gives null, and the case stays visibly unlocated.
 */
export function geocode(text: string, geography: Pick<DistrictGeography, 'places' | 'roads'>): GeocodeHit | null {
  const normalised = toHalfWidth(text);
  let best: { hit: GeocodeHit; length: number } | null = null;
  const offer = (hit: GeocodeHit, length: number) => {
    if (!best || length > best.length) best = { hit, length };
  };

  for (const road of geography.roads) {
    for (const name of [road.name.zh, ...road.aliases]) {
      if (!name) continue;
      const match = new RegExp(`${escapeRegExp(name)}\\s*(\\d{1,5})\\s*(?:号|弄|號|No\\.?)?`, 'i').exec(normalised);
      if (!match) continue;
      const houseNumber = Number(match[1]);
      if (houseNumber < road.houseNumbers.from || houseNumber > road.houseNumbers.to) continue;
      offer({ kind: 'address', roadId: road.id, name: `${road.name.zh}${houseNumber}号`, houseNumber, lngLat: pointOnRoad(road, houseNumber) }, match[0].length);
    }
  }
  for (const place of geography.places) {
    for (const name of [place.name.zh, ...place.aliases]) {
      if (name && normalised.includes(name)) offer({ kind: 'place', placeId: place.id, name: place.name.zh, lngLat: place.lngLat }, name.length);
    }
  }
  return (best as { hit: GeocodeHit } | null)?.hit ?? null;
}

/** House numbers run along the road's line from its first point. */
export function pointOnRoad(road: Road, houseNumber: number): LngLat {
  const { from, to } = road.houseNumbers;
  const share = to === from ? 0 : (houseNumber - from) / (to - from);
  const lengths = road.line.slice(1).map((point, index) => Math.hypot(point[0] - road.line[index]![0], point[1] - road.line[index]![1]));
  let remaining = share * lengths.reduce((sum, length) => sum + length, 0);
  for (let index = 0; index < lengths.length; index++) {
    const length = lengths[index]!;
    if (remaining <= length || index === lengths.length - 1) {
      const t = length === 0 ? 0 : Math.min(1, remaining / length);
      const [ax, ay] = road.line[index]!;
      const [bx, by] = road.line[index + 1]!;
      return [round6(ax + t * (bx - ax)), round6(ay + t * (by - ay))];
    }
    remaining -= length;
  }
  return road.line[0]!;
}

/** Full-width digits and letters, as typed with a Chinese IME, to their ASCII forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** How far from a road a point may be and still take an address on it (a pavement, a shop front). */
export const addressReachM = 120;

/**
 * The address at a point: the nearest road within reach and the house
 * number there, the inverse of `pointOnRoad` (numbers run along the line).
 * Planar metres at the district's latitude: exact enough for a street.
 */
export function nearestAddress(point: LngLat, roads: readonly Road[], reachM = addressReachM): { road: Road; houseNumber: number; distanceM: number } | null {
  const metresPerLng = 111_320 * Math.cos((point[1] * Math.PI) / 180);
  const metresPerLat = 110_900;
  const toXY = ([lng, lat]: LngLat): [number, number] => [(lng - point[0]) * metresPerLng, (lat - point[1]) * metresPerLat];
  let best: { road: Road; houseNumber: number; distanceM: number } | null = null;
  for (const road of roads) {
    const xy = road.line.map(toXY);
    const lengths = xy.slice(1).map((to, index) => Math.hypot(to[0] - xy[index]![0], to[1] - xy[index]![1]));
    const total = lengths.reduce((sum, length) => sum + length, 0);
    let walked = 0;
    for (let index = 0; index < lengths.length; index++) {
      const [ax, ay] = xy[index]!;
      const [bx, by] = xy[index + 1]!;
      const length = lengths[index]!;
      // The foot of the perpendicular from the point (the origin) onto the segment.
      const t = length === 0 ? 0 : Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / (length * length)));
      const distance = Math.hypot(ax + t * (bx - ax), ay + t * (by - ay));
      if (distance <= reachM && (!best || distance < best.distanceM)) {
        const share = total === 0 ? 0 : (walked + t * length) / total;
        const { from, to } = road.houseNumbers;
        best = { road, houseNumber: Math.max(from, Math.min(to, Math.round(from + share * (to - from)))), distanceM: distance };
      }
      walked += length;
    }
  }
  return best;
}
