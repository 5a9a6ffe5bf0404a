/** The layers the operator can switch, and the one that is not there yet (field staff are not tracked). */
export const toggleableLayers = ['cases', 'cameras', 'density', 'transit'] as const;
export type ToggleableLayer = (typeof toggleableLayers)[number];
