import { commandsBench } from './commands';
import { presentBench } from './present';
import { mapBench } from './map';
import { platformBench } from './platform';
import { queueBench } from './queue';
import { shellBench } from './shell';
import { syncBench } from './sync';
import { videoBench } from './video';

export const benches: Record<string, () => Promise<Record<string, number | string | boolean>>> = {
  sync: syncBench,
  queue: queueBench,
  video: videoBench,
  commands: commandsBench,
  shell: shellBench,
  present: presentBench,
  map: mapBench,
  platform: platformBench,
};
