import type { ReferenceData } from '../../../shared/contract/contract';
import type { GridAssignment, LngLat, Place } from '../../../shared/domain/district';
import { createGridLocator } from '../../../shared/domain/locate';
import type { Category, Source } from '../../../shared/domain/organisation';

/** Look-ups the services need, built once whenever reference data is (re)loaded. */
export interface ReferenceIndex {
  data: ReferenceData;
  category(code: string): Category | undefined;
  source(id: string): Source | undefined;
  place(id: string): Place | undefined;
  locate(lngLat: LngLat): GridAssignment | null;
}

export function indexReferenceData(data: ReferenceData): ReferenceIndex {
  const categories = new Map(data.categories.map((category) => [category.code, category]));
  const sources = new Map(data.sources.map((source) => [source.id, source]));
  const places = new Map(data.geography.places.map((place) => [place.id, place]));
  const locate = createGridLocator(data.geography);
  return {
    data,
    category: (code) => categories.get(code),
    source: (id) => sources.get(id),
    place: (id) => places.get(id),
    locate,
  };
}
