import type { TimelineEntry } from '../../../shared/contract/contract';
import type { Case } from '../../../shared/domain/case';
import { findDuplicates } from '../../../shared/domain/duplicates';
import type { Locale } from '../../../shared/domain/names';
import { CoreError } from '../errors';
import { mayReceivePictures, projectCase, projectCases, projectTimeline } from '../projection';
import type { CoreServices } from './types';
import { handlerModule } from './types';

/** Cases: the lists windows read, one case's details, and every write of the lifecycle. */
export function caseHandlers(services: CoreServices) {
  const { store, cases, commands, hub, translators } = services;

  function found(caseId: number): Case {
    const item = store.get(caseId);
    if (!item) throw new CoreError('notFound', { id: caseId });
    return item;
  }

  /** An action's name, with the case number, in whichever language the undo line needs. */
  const labelled =
    (key: string, caseNumber = '') =>
    (locale: Locale) =>
      `${translators[locale].t(key, { defaultValue: key.split('.').at(-1) })} ${caseNumber}`.trim();

  return handlerModule('cases', {
    'cases.list': (args, { audience }) => {
      const seq = hub.seq;
      const page = store.listPage(args.scope, args.limit, args.before);
      return { seq, cases: projectCases(page, audience), nextBefore: page.length === args.limit ? page.at(-1)!.id : null };
    },
    'cases.query': (args, { audience }) => {
      const seq = hub.seq;
      const { total, cases: page } = store.query(args, services.clock());
      return { seq, total, cases: projectCases(page, audience) };
    },
    'case.get': (args, { audience }) => projectCase(found(args.caseId), audience),
    'cases.byIds': (args, { audience }) => projectCases(store.byIds(args.ids), audience),
    'case.timeline': (args, context) => {
      found(args.caseId);
      const names = services.actorNames(context.session.locale);
      const entries = store.audit.ofCase(args.caseId).map(
        (event): TimelineEntry => ({ ...event, caseId: args.caseId, data: (event.data ?? {}) as Record<string, unknown>, actorName: names.get(event.actor) ?? event.actor }),
      );
      return projectTimeline(entries, context.audience);
    },
    'case.duplicates': (args, { audience }) => {
      const item = found(args.caseId);
      return projectCases(findDuplicates(item, store.openWithCategory(item.categoryCode)), audience);
    },
    'case.attachments': (args, { audience }) => (mayReceivePictures(audience) ? services.attachments.list(found(args.caseId).id) : []),
    'attachment.get': (args, { audience }) => {
      if (!mayReceivePictures(audience)) throw new CoreError('notFound', { id: args.attachmentId });
      return services.attachments.get(args.attachmentId);
    },
    'case.attach': (args, { actor }) => {
      const attached = services.attachments.attach(args, actor);
      hub.emit('case.changed', { change: 'updated', case: found(args.caseId) });
      return attached;
    },
    // Every action is undoable for a while, however it was taken (button, letter key, command).
    'case.create': (args, { actor }) => commands.track(actor, labelled('events.created'), null, () => cases.create(args, actor)),
    'case.setUrgent': (args, { actor }) => {
      const before = found(args.caseId);
      const label = labelled(args.urgent ? 'events.markedUrgent' : 'events.clearedUrgent', before.number);
      return commands.track(actor, label, before, () => cases.setUrgent(args.caseId, args.urgent, actor));
    },
    'case.act': (args, { actor }) => {
      const before = found(args.caseId);
      return commands.track(actor, labelled(`actions.${args.action}`, before.number), before, () => cases.act(args, actor));
    },
  });
}
