import type { Migration } from './index';

/**
 * Whether a case's position is where someone pointed (a map click, a camera,
 * coordinates typed in) or only where the gazetteer put the place or address
 * its text names: the map draws the second kind as approximate. Cases stored
 * before this read as pointed, which is what they were taken for until now.
 */
export const locationApproximate: Migration = {
  version: 80,
  name: 'approximate case locations',
  up: 'ALTER TABLE cases ADD COLUMN location_approximate INTEGER NOT NULL DEFAULT 0;',
};
