import type { ReferenceData } from '../../../shared/contract/contract';
import { seededRandom } from '../../../shared/domain/random';
import type { Logger } from '../runtime/logger';
import type { CaseService } from '../services/caseService';
import type { CaseStore } from '../store/caseStore';
import { createCaseFactory } from './caseFactory';

export interface DemoFeedOptions {
  /** New cases per minute; 0 keeps the wall still (tests, screenshots). */
  ratePerMinute: number;
  seed: number;
}

const feedActor = { id: 'demo-feed', role: 'operator', input: 'feed' } as const;

/**
 * Keeps the demo wall alive: new incidents arrive at about the configured
 * rate (with natural jitter), now and then an open case turns urgent.
 * Everything goes through the case service, exactly like an operator's input.
 */
export function startDemoFeed(deps: {
  reference: ReferenceData;
  cases: CaseService;
  store: CaseStore;
  logger: Logger;
  options: DemoFeedOptions;
}): { stop(): void } {
  const { ratePerMinute, seed } = deps.options;
  if (ratePerMinute <= 0) return { stop() {} };
  const random = seededRandom(seed);
  const nextIncident = createCaseFactory(deps.reference, random);
  const meanGapMs = 60_000 / ratePerMinute;
  let timer: NodeJS.Timeout | undefined;

  const tick = () => {
    try {
      if (random.chance(0.12)) {
        const open = deps.store.allOpen(200).filter((item) => !item.urgent);
        if (open.length > 0) deps.cases.setUrgent(random.pick(open).id, true, feedActor);
      } else {
        deps.cases.create({ ...nextIncident().draft, placeId: null, reportedAt: null }, feedActor);
      }
    } catch (error) {
      deps.logger.error('demo.feed.failed', { error: String(error) });
    }
    schedule();
  };
  const schedule = () => {
    // Exponential gaps: arrivals look like a real room, not a metronome.
    const gap = Math.min(meanGapMs * 5, -Math.log(1 - random.next()) * meanGapMs);
    timer = setTimeout(tick, gap);
    timer.unref?.();
  };
  schedule();
  return {
    stop() {
      clearTimeout(timer);
    },
  };
}
