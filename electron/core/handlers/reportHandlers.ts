import { dirname } from 'node:path';
import { assessPeriod, periodOfMonth } from '../services/assessment';
import { buildHandover, handoverForWindow, handoverVideo, writeHandoverFile } from '../services/handover';
import type { CoreServices } from './types';
import { handlerModule } from './types';

/** Reports: the department assessment of a month and the shift handover (written as a file, and audited). */
export function reportHandlers(services: CoreServices) {
  const { store, referenceData, translators, clock } = services;
  const zh = translators['zh-CN'];
  const actionName = (kind: string) => zh.t(`actions.${kind}`, { defaultValue: zh.t(`events.${kind}`, { defaultValue: kind }) });

  return handlerModule('reports', {
    'kpi.get': (args) => {
      const period = periodOfMonth(args.month);
      return { period, ...assessPeriod(store, referenceData, period, clock()) };
    },
    'report.handover': (args, { actor }) => {
      const now = clock();
      const report = buildHandover(store, { from: now - args.hours * 3_600_000, to: now, now, operatorNames: services.actorNames('zh-CN') });
      report.video = handoverVideo(services.video.coverage(args.hours), services.cameras);
      const file = writeHandoverFile(services.reportsDir, report, referenceData, actionName);
      services.audit(actor, 'report.handover', { hours: args.hours, folder: dirname(file) });
      return { ...handoverForWindow(report), file };
    },
  });
}

