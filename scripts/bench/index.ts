import { commandsBench } from './commands';
import { queueBench } from './queue';
import { syncBench } from './sync';

export const benches: Record<string, () => Promise<Record<string, number | string | boolean>>> = {
  sync: syncBench,
  queue: queueBench,
  commands: commandsBench,
};
