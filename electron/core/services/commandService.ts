import type { i18n, TFunction } from 'i18next';
import type { CommandOutcome, CommandUnderstanding } from '../../../shared/contract/contract';
import { parseCommand, type CaseRef, type Parse, type ParserContext } from '../../../shared/commands/parser';
import { readBack } from '../../../shared/commands/readBack';
import { recentSerialDays, resolveCaseRefs } from '../../../shared/commands/resolveCase';
import { buildVocabulary } from '../../../shared/commands/vocabulary';
import type { Case } from '../../../shared/domain/case';
import { distanceM } from '../../../shared/domain/geo';
import { localName, type Locale } from '../../../shared/domain/names';
import { nearestCameras } from '../../../shared/video/nearest';
import type { Camera } from '../../../shared/video/camera';
import { maxScreenNumber, type WallState } from '../../../shared/wall/wallState';
import { CoreError } from '../errors';
import type { CaseStore } from '../store/caseStore';
import { caseLookup } from './caseReference';
import { snapshotOf, type Actor, type CaseService, type CaseSnapshot } from './caseService';
import type { ReferenceIndex } from './referenceIndex';
import type { WallService } from './wallService';

/** How long the last action can be taken back (the issue asks for at least 10 s). */
export const undoWindowMs = 30_000;
/** A spoken order is what someone saw: on the wall, mostly. */
const spokenOrderSource = 'video';

interface UndoEntry {
  until: number;
  /** What the action was, said in a language when an undo needs it (not on every action). */
  label: (locale: Locale) => string;
  /** Each case as it was, and the audit event that made it what undo would replace. */
  cases: { caseId: number; before: CaseSnapshot; lastEventId: number | null }[];
  wall: WallState | null;
}

/**
 * The command bar's service: understands a line (parse + read-back in the
 * window's language), runs it only if it still means what the operator saw,
 * and keeps each operator's recent actions so they can be undone.
 */
export function createCommandService(deps: {
  cases: CaseService;
  store: CaseStore;
  reference: () => ReferenceIndex;
  cameras: () => readonly Camera[];
  wall: WallService;
  /** The video wall: which camera a screen shows, and putting one there (it refuses pinned screens). */
  video: { cameraOn(screen: number): Camera | null; place(screen: number, cameraId: string, actor: Actor): void };
  translators: Record<Locale, i18n>;
  clock: () => number;
}) {
  let context: ParserContext | null = null;
  const undoStacks = new Map<string, UndoEntry[]>();

  function parserContext(): ParserContext {
    context ??= createParserContext(deps.reference(), deps.cameras());
    return context;
  }

  /** A serial ("0017") is resolved on the core's clock: today's case, else the one recent day that has it, else refused. */
  function understand(text: string, locale: Locale): CommandUnderstanding & { parse: Parse } {
    const lookup = caseLookup({ byNumber: deps.store.byNumber, clock: deps.clock, categoryName: (code) => deps.reference().category(code)?.name ?? null, locale });
    const parse = resolveCaseRefs(parseCommand(text, parserContext(), locale), lookup);
    return { parse, readBack: describe(parse, locale), ready: parse.error === null };
  }

  function describe(parse: Parse, locale: Locale, notes = true): string {
    return describeParse(parse, deps.reference(), deps.translators[locale].t, locale, notes);
  }

  const refuse = (locale: Locale, key: string, params: Record<string, unknown> = {}) =>
    new CoreError('commandRefused', { message: deps.translators[locale].t(`commands.errors.${key}`, params) });

  /** The case a command acts on. A named case that cannot be found is refused: it never becomes the selected one. */
  function caseFor(ref: CaseRef | null, selectedCaseId: number | null, locale: Locale): Case {
    if (ref === null || ref.kind === 'selected') {
      const item = selectedCaseId === null ? null : deps.store.get(selectedCaseId);
      if (!item) throw refuse(locale, 'noSelection');
      return item;
    }
    if (ref.kind === 'serial') throw refuse(locale, 'serialNotFound', { detail: ref.text, days: recentSerialDays });
    const item = deps.store.byNumber(ref.number);
    if (!item) throw refuse(locale, 'caseNotFound', { number: ref.number });
    return item;
  }

  function cameraFor(parse: Parse, locale: Locale): Camera {
    const cameras = deps.cameras();
    if (parse.camera) return cameras.find((camera) => camera.id === parse.camera!.id)!;
    const location = parse.location;
    const road = location?.road ? deps.reference().data.geography.roads.find((item) => item.id === location.road!.id) : null;
    // A place or address: the camera that sees it; a road without a number: the camera nearest to the road.
    const point = location?.lngLat ?? null;
    const best = point
      ? nearestCameras(cameras, point, { limit: 1, maxDistanceMeters: 2_000 })[0]?.camera
      : road
        ? [...cameras].sort((a, b) => roadRank(a, road) - roadRank(b, road))[0]
        : undefined;
    if (!best) throw refuse(locale, 'noCamera');
    return best;
  }

  function remember(actor: Actor, entry: Omit<UndoEntry, 'until'>) {
    const stack = (undoStacks.get(actor.id) ?? []).filter((item) => item.until > deps.clock());
    stack.push({ ...entry, until: deps.clock() + undoWindowMs });
    undoStacks.set(actor.id, stack.slice(-20));
  }

  /** Runs one understood line; returns what was touched, for the undo stack. */
  function execute(parse: Parse, selectedCaseId: number | null, actor: Actor, locale: Locale): { cases: Case[]; before: Case[]; wall: WallState | null } {
    const act = deps.cases.act;
    const departments = parse.departments.map((department) => department.id);
    switch (parse.kind) {
      case 'newCase': {
        const location = parse.location;
        // "屏11 两个摊头": seen on a screen, so it is where that screen's camera looks.
        const seenOn = !location?.lngLat && parse.screen !== null ? deps.video.cameraOn(parse.screen) : null;
        const created = deps.cases.batch(() => {
          const item = deps.cases.create(
            {
              description: parse.input,
              categoryCode: parse.category!.code,
              sourceId: deps.reference().source(spokenOrderSource) ? spokenOrderSource : deps.reference().data.sources[0]!.id,
              lngLat: location?.lngLat ?? seenOn?.position ?? null,
              placeId: null,
              address: location?.text ?? (seenOn ? localName(seenOn.name, 'zh-CN') : ''),
              urgent: parse.urgency === 'urgent',
              reporter: null,
              reportedAt: null,
            },
            actor,
          );
          act({ action: 'register', caseId: item.id, reason: '' }, actor);
          const lead = departments[0] ?? deps.reference().category(parse.category!.code)!.leadDepartmentId;
          return act({ action: 'dispatch', caseId: item.id, leadDepartmentId: lead, helperDepartmentIds: departments.slice(1).filter((id) => id !== lead), reason: '' }, actor);
        });
        // Undoing a case that was just made voids it: the record and its trail stay.
        return { cases: [created], before: [{ ...created, status: 'voided', assignments: [] }], wall: null };
      }
      case 'dispatch': {
        const item = caseFor(parse.caseRef, selectedCaseId, locale);
        const updated = deps.cases.batch(() => {
          if (item.status === 'reported' || item.status === 'verifying') act({ action: 'register', caseId: item.id, reason: '' }, actor);
          if (parse.urgency === 'urgent' && !item.urgent) deps.cases.setUrgent(item.id, true, actor);
          return act({ action: 'dispatch', caseId: item.id, leadDepartmentId: departments[0]!, helperDepartmentIds: departments.slice(1), reason: parse.reason ?? '' }, actor);
        });
        return { cases: [updated], before: [item], wall: null };
      }
      case 'assist':
      case 'supervise':
      case 'return':
      case 'merge':
      case 'void':
      case 'close':
      case 'reopen':
      case 'urgent': {
        const item = caseFor(parse.caseRef, selectedCaseId, locale);
        const reason = parse.reason ?? '';
        const updated =
          parse.kind === 'assist'
            ? act({ action: 'addHelpers', caseId: item.id, helperDepartmentIds: departments, reason }, actor)
            : parse.kind === 'supervise'
              ? act({ action: 'supervise', caseId: item.id, level: parse.level ?? Math.min(3, item.supervisionManual + 1), reason }, actor)
              : parse.kind === 'return'
                ? act({ action: 'returnCase', caseId: item.id, reason }, actor)
                : parse.kind === 'merge'
                  ? act({ action: 'merge', caseId: item.id, parentId: caseFor(parse.targetCaseRef, null, locale).id, reason }, actor)
                  : parse.kind === 'urgent'
                    ? deps.cases.setUrgent(item.id, true, actor)
                    : act({ action: parse.kind, caseId: item.id, reason, ...(parse.kind === 'close' ? { satisfaction: null } : {}) } as Parameters<typeof act>[0], actor);
        return { cases: [updated], before: [item], wall: null };
      }
      case 'screen': {
        if (parse.screen! < 1 || parse.screen! > maxScreenNumber) throw refuse(locale, 'badScreen', { max: maxScreenNumber });
        const camera = cameraFor(parse, locale);
        const before = deps.wall.state;
        deps.video.place(parse.screen!, camera.id, actor);
        return { cases: [], before: [], wall: before };
      }
      case 'layout':
      case 'module':
      case 'presentation': {
        const before = deps.wall.state;
        if (parse.kind === 'layout') deps.wall.change({ layout: parse.layout! }, actor);
        else if (parse.kind === 'module') deps.wall.change({ module: parse.module! }, actor);
        else deps.wall.change({ presentation: parse.presentation ?? !before.presentation }, actor);
        return { cases: [], before: [], wall: before };
      }
      default:
        throw refuse(locale, 'unrecognised');
    }
  }

  return {
    understand(text: string, locale: Locale): CommandUnderstanding {
      const { readBack: line, ready } = understand(text, locale);
      return { readBack: line, ready };
    },

    /** The parse as `gridwall parse` prints it. */
    parse(text: string, locale: Locale): Parse {
      return understand(text, locale).parse;
    },

    /**
     * Runs a line. `expectedReadBack` is what the operator confirmed: if the
     * line now means something else (the data changed in between), nothing runs.
     */
    run(args: { text: string; expectedReadBack: string | null; selectedCaseId: number | null }, actor: Actor, locale: Locale): CommandOutcome {
      const { parse, readBack: line } = understand(args.text, locale);
      if (parse.kind === 'undo') return this.undo(actor, locale);
      if (parse.error) throw new CoreError('commandRefused', { message: line });
      if (args.expectedReadBack !== null && args.expectedReadBack !== line) throw refuse(locale, 'changed');
      const result = execute(parse, args.selectedCaseId, actor, locale);
      const done = describe(parse, locale, false);
      remember(actor, {
        // In the other language the names are said again, but the cases stay the ones this run resolved.
        label: (wanted) =>
          wanted === locale ? done : describe({ ...parseCommand(args.text, parserContext(), wanted), caseRef: parse.caseRef, targetCaseRef: parse.targetCaseRef }, wanted, false),
        cases: result.cases.map((item, index) => ({ caseId: item.id, before: snapshotOf(result.before[index]!), lastEventId: deps.store.audit.lastIdOfCase(item.id) })),
        wall: result.wall,
      });
      return { readBack: done, caseId: result.cases[0]?.id ?? null, caseNumber: result.cases[0]?.number ?? null, undoableUntil: deps.clock() + undoWindowMs };
    },

    /** Takes back the operator's last action, if it is recent and nothing changed since. */
    undo(actor: Actor, locale: Locale): CommandOutcome {
      const stack = undoStacks.get(actor.id) ?? [];
      const entry = stack.pop();
      if (!entry) throw refuse(locale, 'nothingToUndo');
      if (entry.until < deps.clock()) {
        undoStacks.set(actor.id, []);
        throw refuse(locale, 'undoExpired');
      }
      deps.cases.batch(() => {
        for (const item of entry.cases) deps.cases.restore(item.caseId, item.before, item.lastEventId, actor, { undid: entry.label('zh-CN') });
      });
      // Each case is now as the previous entry left it: that entry can be undone next.
      for (const item of entry.cases) {
        for (const earlier of stack) for (const touched of earlier.cases) if (touched.caseId === item.caseId) touched.lastEventId = deps.store.audit.lastIdOfCase(item.caseId);
      }
      if (entry.wall) deps.wall.change(entry.wall, actor, 'wall.changed', { undid: entry.label('zh-CN') });
      const line = deps.translators[locale].t('commands.undone', { readBack: entry.label(locale) });
      return { readBack: line, caseId: entry.cases[0]?.caseId ?? null, caseNumber: null, undoableUntil: null };
    },

    /**
     * Keeps an action taken with a button or a letter key undoable too: `label`
     * names it in both languages, `before` is the case as it was (null for a
     * new case, which an undo voids).
     */
    track(actor: Actor, label: (locale: Locale) => string, before: Case | null, change: () => Case): Case {
      const after = change();
      remember(actor, {
        label,
        cases: [{ caseId: after.id, before: snapshotOf(before ?? { ...after, status: 'voided', assignments: [] }), lastEventId: deps.store.audit.lastIdOfCase(after.id) }],
        wall: null,
      });
      return after;
    },

    /** Reference data or cameras changed: rebuild the vocabulary on next use. */
    invalidate(): void {
      context = null;
    },
  };
}
export type CommandService = ReturnType<typeof createCommandService>;

/** What the parser knows of this room: its district, departments, taxonomy, lexicon and cameras. */
export function createParserContext(reference: ReferenceIndex, cameras: readonly Camera[]): ParserContext {
  const data = reference.data;
  return { vocabulary: buildVocabulary({ ...data, cameras }), geography: data.geography, locate: reference.locate };
}

/** The read-back line of a parse, naming the default department of a new case's category. */
export function describeParse(parse: Parse, reference: ReferenceIndex, t: TFunction, locale: Locale, notes = true): string {
  return readBack(parse, t, {
    locale,
    notes,
    defaultLeadName: (code) => {
      const lead = reference.data.departments.find((department) => department.id === reference.category(code)?.leadDepartmentId);
      return lead ? localName(lead.name, locale) : null;
    },
  });
}

/** A camera named after the road comes first ("光复路早市东" for 光复路), then the one nearest to its line. */
function roadRank(camera: Camera, road: { name: { zh: string; en: string }; line: [number, number][] }): number {
  const named = camera.name.zh.includes(road.name.zh) || camera.name.en.toLowerCase().includes(road.name.en.toLowerCase().replace(/ road$/, ''));
  return (named ? 0 : 1_000_000) + Math.min(...road.line.map((vertex) => distanceM(camera.position, vertex)));
}
