import { isOpen, type Case } from './case';
import { distanceM } from './geo';

/** Same minor category, this close, this near in time: probably the same incident reported twice. */
export const duplicateRule = { withinM: 100, withinMs: 24 * 3_600_000 };

/**
 * Open cases the new one probably duplicates, nearest first. Only proposed:
 * an operator merges with one key, or ignores the proposal.
 */
export function findDuplicates(item: Case, candidates: readonly Case[], rule = duplicateRule): Case[] {
  if (!item.lngLat) return [];
  return candidates
    .filter(
      (other) =>
        other.id !== item.id &&
        isOpen(other.status) &&
        other.categoryCode === item.categoryCode &&
        other.lngLat !== null &&
        Math.abs(other.reportedAt - item.reportedAt) <= rule.withinMs &&
        distanceM(other.lngLat, item.lngLat!) <= rule.withinM,
    )
    .sort((a, b) => distanceM(a.lngLat!, item.lngLat!) - distanceM(b.lngLat!, item.lngLat!) || a.reportedAt - b.reportedAt);
}
