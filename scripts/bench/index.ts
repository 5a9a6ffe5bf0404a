import { commandsBench } from './commands';
import { platformBench } from './platform';
import { queueBench } from './queue';
import { syncBench } from './sync';
import { videoBench } from './video';

export const benches: Record<string, () => Promise<Record<string, number | string | boolean>>> = {
  sync: syncBench,
  queue: queueBench,
  video: videoBench,
  commands: commandsBench,
  platform: platformBench,
};
