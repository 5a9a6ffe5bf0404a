import { ZodError, type z } from 'zod';
import {
  argsSchemaOf,
  isCommand,
  isQuery,
  type Assessment,
  type CaseActionArgs,
  type HandoverReport,
  type Keymap,
  type CaseQuery,
  type CaseQueryResult,
  type OperatorInfo,
  type ReferenceData,
  type RequestName,
  type SessionInfo,
  type SignedIn,
  type TimelineEntry,
} from '../../shared/contract/contract';
import {
  requestIdOf,
  RequestMessageSchema,
  type ContractError,
  type EventMessage,
  type InputKind,
  type ResponseMessage,
} from '../../shared/contract/messages';
import { caseForAudience, type Audience, type Case } from '../../shared/domain/case';
import { findDuplicates } from '../../shared/domain/duplicates';
import { createWorkCalendar } from '../../shared/domain/workCalendar';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { assessPeriod, periodOfMonth } from './services/assessment';
import { createAttachmentService } from './services/attachments';
import { buildHandover, writeHandoverFile } from './services/handover';
import type { Locale } from '../../shared/domain/names';
import { createI18n } from '../../shared/i18n/index';
import type { WindowRole } from '../../shared/wall/roles';
import { startDemoFeed } from './demo/feed';
import { generateHistory } from './demo/history';
import { demoReferenceDir, readCameras, readKeymap, readOperators, readReferenceFolder, readVideoPlan } from './demo/seed';
import { createCommandService } from './services/commandService';
import { createWallService } from './services/wallService';
import { effectiveAudience } from '../../shared/wall/wallState';
import { demoSlotPlan, type SlotPlan } from '../../shared/video/slots';
import type { KeyFocusEntry } from '../../shared/video/priority';
import { createVideoWall } from './services/videoWall';
import { handoverVideo } from './services/handover';
import { getSetting, setSetting } from './store/referenceStore';
import type { Camera } from '../../shared/video/camera';
import { CoreError } from './errors';
import { createEventHub } from './runtime/eventHub';
import { silentLogger, type Logger } from './runtime/logger';
import { createCaseService, type Actor } from './services/caseService';
import { indexReferenceData, type ReferenceIndex } from './services/referenceIndex';
import { createCaseStore } from './store/caseStore';
import { createOperatorStore } from './store/operatorStore';
import { openDatabase } from './store/database';
import { loadReferenceData, saveReferenceData } from './store/referenceStore';

/** Who is asking: fixed when a window connects, never taken from a message. */
export interface Session {
  /** One per window connection, chosen by the host; sign-in is kept per connection… */
  connectionId: string;
  /** …unless the host knows the windows share one console (the Electron app's windows): then they share one sign-in. */
  consoleId?: string;
  role: WindowRole;
  audience: Audience;
  locale: Locale;
}

/** Stream addresses per camera id, for cameras whose list leaves them out (the hosts' demo camera server). */
export type CameraStreams = Record<string, { sub: string; main: string }>;

export interface DemoOptions {
  seed: number;
  historyDays: number;
  historyPerDay: number;
  /** New cases per minute from the live feed; 0 turns the feed off. */
  feedRatePerMinute: number;
}

export interface CoreOptions {
  dbPath: string;
  /** Folder holding demo/*.json (the repo's resources/ or the packaged app's). */
  resourcesDir: string;
  /** A room's own reference data (same files as resources/demo); replaces what the database holds. */
  referenceDir?: string;
  /** Where shift reports are written; default: a reports/ folder next to the database. */
  reportsDir?: string;
  demo: DemoOptions | null;
  /** Stream addresses for cameras whose list leaves them out (the demo's camera server). */
  cameraStreams?: CameraStreams;
  nativeBinding?: string;
  /** A room's camera list (CSV/JSON, read by the host); replaces the reference folder's cameras.json. */
  cameraList?: Camera[];
  /** The video wall's time-slot plan and key-focus screens; default: the demo plan built from the cameras. */
  videoPlan?: { plan: SlotPlan; keyFocus: KeyFocusEntry[] };
  /** Video windows on the wall (screens are numbered across them); default 1. */
  videoWindows?: number;
  /** Minutes an emergency keeps its cameras up unless its case closes first; default 30. */
  emergencyMinutes?: number;
  clock?: () => number;
  logger?: Logger;
}

export const defaultDemoOptions: DemoOptions = { seed: 20261126, historyDays: 183, historyPerDay: 95, feedRatePerMinute: 2 };

/**
 * The core: one database, the services over it and one numbered event stream.
 * `handle` is the only way in. It validates the envelope and the arguments,
 * refuses writes from presentation sessions, and turns every failure into an
 * error the window can show in its own language. A refused message writes
 * nothing and never stops the core.
 */
export function createCore(options: CoreOptions) {
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const db = openDatabase(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const store = createCaseStore(db);
  const hub = createEventHub();
  const translators = { 'zh-CN': createI18n('zh-CN'), en: createI18n('en') };

  let referenceData: ReferenceData | null;
  try {
    referenceData = loadReferenceData(db);
    // The demo refreshes data it gained later (the lexicon) in databases made before it existed.
    const demoNeedsIt = options.demo && (!referenceData || referenceData.lexicon.length === 0);
    const folder = options.referenceDir ?? (demoNeedsIt ? demoReferenceDir(options.resourcesDir) : null);
    if (folder) {
      referenceData = readReferenceFolder(folder);
      saveReferenceData(db, referenceData, clock());
      logger.info('reference.loaded', { folder });
    }
  } catch (error) {
    db.close();
    throw error;
  }
  if (!referenceData) {
    db.close();
    throw new Error(
      '数据库中没有辖区和部门等基础数据，请先导入，或以演示模式启动。 / The database holds no reference data (district, departments); import it first or start in demo mode.',
    );
  }
  const reference: ReferenceIndex = indexReferenceData(referenceData);

  if (options.demo && store.count('all') === 0) {
    const started = performance.now();
    const written = generateHistory(db, store, referenceData, {
      now: clock(),
      days: options.demo.historyDays,
      perDay: options.demo.historyPerDay,
      seed: options.demo.seed,
    });
    // Fresh statistics, so the planner picks the queue's indexes from the first query.
    db.exec('ANALYZE');
    logger.info('demo.history.generated', { cases: written, ms: Math.round(performance.now() - started) });
  }

  const calendar = createWorkCalendar(referenceData.calendar);
  const operators = createOperatorStore(db);
  const folderOperators = readOperators(options.referenceDir ?? demoReferenceDir(options.resourcesDir));
  if (folderOperators && (options.referenceDir || (options.demo && operators.count() === 0))) operators.save(folderOperators);

  const cases = createCaseService({
    db,
    cases: store,
    reference: () => reference,
    calendar: () => calendar,
    clock,
    announce: (change) => hub.emit('case.changed', change),
  });

  // The room's cameras and video plan are read before anything starts: a bad file stops the start cleanly.
  let cameras: Camera[];
  let videoPlan: CoreOptions['videoPlan'] | null;
  try {
    // Every camera knows its grid, found the same way as a case's.
    cameras = (options.cameraList ?? readCameras(options.referenceDir ?? demoReferenceDir(options.resourcesDir))).map((camera) => ({
      ...camera,
      gridId: camera.gridId ?? reference.locate(camera.position)?.gridId,
      subStream: camera.subStream ?? options.cameraStreams?.[camera.id]?.sub,
      mainStream: camera.mainStream ?? options.cameraStreams?.[camera.id]?.main,
    }));
    // The plan is the room's videoPlan.json when it has one, else one drawn from the cameras' tags.
    videoPlan =
      options.videoPlan ??
      readVideoPlan(
        options.referenceDir ?? demoReferenceDir(options.resourcesDir),
        cameras.map((camera) => camera.id),
      );
  } catch (error) {
    db.close();
    throw error;
  }

  const feed = options.demo
    ? startDemoFeed({
        reference: referenceData,
        cases,
        store,
        logger,
        options: { ratePerMinute: options.demo.feedRatePerMinute, seed: options.demo.seed ^ clock() },
      })
    : { stop() {} };

  const wall = createWallService({ db, announce: (state) => hub.emit('wall.changed', { state }) });
  const keymap = readKeymap(options.referenceDir ?? demoReferenceDir(options.resourcesDir));
  if (keymap.problems.length) logger.error('keymap.refused', { problems: keymap.problems });
  const commands = createCommandService({
    cases,
    store,
    reference: () => reference,
    cameras: () => cameras,
    wall,
    // The video wall is made below; these run only when a command does.
    video: {
      cameraOn: (screen) => cameras.find((camera) => camera.id === video.state.tiles.find((tile) => tile.screen === screen)?.cameraId) ?? null,
      place: (screen, cameraId) => void video.place(screen, cameraId),
    },
    translators,
    clock,
  });

  const attachments = createAttachmentService({ db, cases: store, clock, names: () => operatorNames({ locale: 'zh-CN' }) });

  /** Who is signed in at which window (by connection), and the tokens windows use to sign in again. */
  const signedIn = new Map<string, OperatorInfo>();
  const signInTokens = new Map<string, OperatorInfo>();

  const signInKey = (session: Session) => session.consoleId ?? session.connectionId;

  function operatorOf(session: Session): OperatorInfo {
    const operator = signedIn.get(signInKey(session));
    if (!operator) throw new CoreError('notSignedIn');
    return operator;
  }

  /** Who a window shows data to right now: presentation mode narrows the wall windows. */
  const audienceOf = (session: Session) => effectiveAudience(session, wall.state.presentation);
  const project = (session: Session) => (item: Case) => caseForAudience(item, audienceOf(session));
  const reportsDir = options.reportsDir ?? join(dirname(options.dbPath), 'reports');

  // The video wall: the slot plan, key focus, emergencies from urgent cases, hand placements and pins.
  const video = createVideoWall({
    cameras: () => cameras,
    wall,
    plan: videoPlan?.plan ?? demoSlotPlan(cameras),
    keyFocus: videoPlan?.keyFocus ?? [],
    clock,
    announce: (state) => hub.emit('video.changed', { state }),
    ...(options.emergencyMinutes !== undefined ? { emergencyMinutes: options.emergencyMinutes } : {}),
    ...(options.videoWindows !== undefined ? { videoWindows: options.videoWindows } : {}),
    loadPins: () => JSON.parse(getSetting(db, 'video.pins') ?? '{}') as Record<string, string>,
    savePins: (pins) => setSetting(db, 'video.pins', JSON.stringify(pins)),
  });
  // Reacts after the event that caused it has reached every listener, so event numbers stay in order everywhere.
  const videoPending = new Map<number, Case>();
  let videoWallPending = false;
  hub.subscribe((message) => {
    if (message.event === 'case.changed') videoPending.set(message.payload.case.id, message.payload.case);
    else if (message.event === 'wall.changed') videoWallPending = true;
    else return;
    queueMicrotask(() => {
      if (videoWallPending) {
        videoWallPending = false;
        video.wallChanged();
      }
      for (const item of videoPending.values()) video.caseChanged(item);
      videoPending.clear();
    });
  });


  type Handler = (args: never, session: Session, input: InputKind) => unknown;
  const handlers: Record<RequestName, Handler> = {
    'session.hello': (_args: unknown, session: Session): SessionInfo => ({
      role: session.role,
      audience: session.audience,
      serverTime: clock(),
      seq: hub.seq,
      demo: options.demo !== null,
      operator: signedIn.get(signInKey(session)) ?? null,
    }),
    'operators.list': () => operators.list(),
    'reference.get': (): ReferenceData => referenceData,
    'cases.list': (args: { scope: 'open' | 'all'; limit: number }, session: Session) => ({
      seq: hub.seq,
      cases: store.list(args.scope, args.limit).map(project(session)),
    }),
    'cases.query': (args: CaseQuery, session: Session): CaseQueryResult => {
      const seq = hub.seq;
      const { total, cases: page } = store.query(args, clock());
      return { seq, total, cases: page.map(project(session)) };
    },
    'case.get': (args: { caseId: number }, session: Session) => project(session)(found(args.caseId)),
    'case.timeline': (args: { caseId: number }, session: Session): TimelineEntry[] => {
      found(args.caseId);
      const names = operatorNames(session);
      return store.events(args.caseId).map((event) => ({
        ...event,
        data: timelineData(event.data, audienceOf(session)),
        actorName: names.get(event.actor) ?? event.actor,
      }));
    },
    'case.duplicates': (args: { caseId: number }, session: Session) => {
      const item = found(args.caseId);
      return findDuplicates(item, store.openWithCategory(item.categoryCode)).map(project(session));
    },
    // Photos may show people: presentation windows never receive them.
    'case.attachments': (args: { caseId: number }, session: Session) => (audienceOf(session) === 'public' ? [] : attachments.list(found(args.caseId).id)),
    'attachment.get': (args: { attachmentId: number }, session: Session) => {
      if (audienceOf(session) === 'public') throw new CoreError('notFound', { id: args.attachmentId });
      return attachments.get(args.attachmentId);
    },
    'case.attach': (args: Parameters<typeof attachments.attach>[0], session: Session, input: InputKind) => {
      const attached = attachments.attach(args, actorFor(session, input));
      hub.emit('case.changed', { change: 'updated', case: found(args.caseId) });
      return attached;
    },
    'kpi.get': (args: { month: string }): Assessment => {
      const period = periodOfMonth(args.month);
      return { period, ...assessPeriod(store, referenceData, period, clock()) };
    },
    'cases.byIds': (args: { ids: number[] }, session: Session) => store.byIds(args.ids).map(project(session)),
    'report.handover': (args: { hours: number }): HandoverReport => {
      const now = clock();
      const names = operatorNames({ locale: 'zh-CN' });
      const report = buildHandover(store, { from: now - args.hours * 3_600_000, to: now, now, operatorNames: names });
      report.video = handoverVideo(video.coverage(args.hours), cameras);
      const zh = translators['zh-CN'];
      const actionName = (kind: string) => zh.t(`actions.${kind}`, { defaultValue: zh.t(`events.${kind}`, { defaultValue: kind }) });
      return { ...report, file: writeHandoverFile(reportsDir, report, referenceData, actionName) };
    },
    'session.signIn': (args: { operatorId: string; pin: string } | { token: string }, session: Session): SignedIn => {
      const operator = 'token' in args ? signInTokens.get(args.token) : operators.verify(args.operatorId, args.pin);
      if (!operator) throw new CoreError('signInFailed');
      const token = 'token' in args ? args.token : randomBytes(24).toString('base64url');
      signInTokens.set(token, operator);
      signedIn.set(signInKey(session), operator);
      logger.info('operator.signedIn', { operator: operator.id, role: session.role });
      return { operator, token };
    },
    'session.signOut': (_args: unknown, session: Session) => {
      signedIn.delete(signInKey(session));
      return null;
    },
    // Every action is undoable for a while, however it was taken (button, letter key, command).
    'case.create': (args: Parameters<typeof cases.create>[0], session: Session, input: InputKind) => {
      const actor = actorFor(session, input);
      return commands.track(actor, labelled('events.created'), null, () => cases.create(args, actor));
    },
    'case.setUrgent': (args: { caseId: number; urgent: boolean }, session: Session, input: InputKind) => {
      const actor = actorFor(session, input);
      const before = found(args.caseId);
      return commands.track(actor, labelled(args.urgent ? 'events.markedUrgent' : 'events.clearedUrgent', before.number), before, () =>
        cases.setUrgent(args.caseId, args.urgent, actor),
      );
    },
    'case.act': (args: CaseActionArgs, session: Session, input: InputKind) => {
      const actor = actorFor(session, input);
      const before = found(args.caseId);
      return commands.track(actor, labelled(`actions.${args.action}`, before.number), before, () => cases.act(args, actor));
    },
    'command.understand': (args: { text: string }, session: Session) => commands.understand(args.text, session.locale),
    'command.run': (args: { text: string; expectedReadBack: string | null; selectedCaseId: number | null }, session: Session, input: InputKind) =>
      commands.run(args, actorFor(session, input), session.locale),
    'command.undo': (_args: unknown, session: Session, input: InputKind) => commands.undo(actorFor(session, input), session.locale),
    'wall.get': () => wall.state,
    'keymap.get': (_args: unknown, session: Session): Keymap => ({
      bindings: keymap.bindings,
      problems: keymap.problems.map((problem) => translators[session.locale].t(`hotkeys.problems.${problem.kind}`, { ...problem, actions: 'actions' in problem ? problem.actions.join(', ') : '' })),
    }),
    'cameras.list': () => cameras,
    'video.get': () => video.state,
    'video.coverage': (args: { hours: number }) => video.coverage(args.hours),
    'video.place': (args: { screen: number; cameraId: string | null }) => video.place(args.screen, args.cameraId),
    'video.pin': (args: { screen: number; pinned: boolean }) => video.pin(args.screen, args.pinned),
    'video.showCase': (args: { caseId: number }) => video.showCase(found(args.caseId)),
    'video.snapshotCase': (
      args: { screen: number; cameraId: string; categoryCode: string; description: string; mime: 'image/jpeg' | 'image/png' | 'image/webp'; dataBase64: string },
      session: Session,
      input: InputKind,
    ) => {
      const camera = cameras.find((candidate) => candidate.id === args.cameraId);
      if (!camera) throw new CoreError('unknownCamera', { camera: args.cameraId });
      const actor = actorFor(session, input);
      const t = translators[session.locale];
      const slot = video.state.slot;
      const seen = t.t('video.snapshotDescription', {
        screen: args.screen,
        camera: session.locale === 'en' ? camera.name.en : camera.name.zh,
        grid: camera.gridId ?? '—',
        slot: session.locale === 'en' ? slot.name.en : slot.name.zh,
        lng: camera.position[0].toFixed(5),
        lat: camera.position[1].toFixed(5),
      });
      const created = cases.create(
        { description: `${args.description ? `${args.description}。` : ''}${seen}`.slice(0, 500), categoryCode: args.categoryCode, sourceId: 'video', lngLat: camera.position, placeId: null, address: camera.name.zh, urgent: false, reporter: null, reportedAt: null },
        actor,
      );
      attachments.attach({ caseId: created.id, kind: 'snapshot', mime: args.mime, dataBase64: args.dataBase64, caption: seen.slice(0, 100) }, actor);
      const withSnapshot = found(created.id);
      hub.emit('case.changed', { change: 'updated', case: withSnapshot });
      return withSnapshot;
    },
    'video.setClock': (args: { atMs: number | null }) => {
      if (!options.demo) throw new CoreError('demoOnly');
      return video.setClock(args.atMs);
    },
  };

  /** Operators by name, plus the two actors that are not people: the demo history and feed. */
  function operatorNames(session: Pick<Session, 'locale'>): Map<string, string> {
    const t = translators[session.locale];
    return new Map([
      ['history', t.t('actors.history')],
      ['demo-feed', t.t('actors.demoFeed')],
      ...operators.list().map((operator) => [operator.id, operator.name] as [string, string]),
    ]);
  }

  /** An action's name, with the case number, in whichever language the undo line needs. */
  function labelled(key: string, caseNumber = ''): (locale: Locale) => string {
    return (locale) => `${translators[locale].t(key, { defaultValue: key.split('.').at(-1) })} ${caseNumber}`.trim();
  }

  function found(caseId: number): Case {
    const item = store.get(caseId);
    if (!item) throw new CoreError('notFound', { id: caseId });
    return item;
  }

  function actorFor(session: Session, input: InputKind): Actor {
    const operator = operatorOf(session);
    return { id: operator.id, role: operator.role, input };
  }

  function refuse(id: number, session: Session, code: ContractError['code'], params: Record<string, string | number> = {}, fields?: ContractError['fields']): ResponseMessage {
    const t = translators[session.locale];
    // Lifecycle refusals name the status and actions in the window's language.
    const named = {
      ...params,
      ...(params.status ? { statusName: t.t(`status.${params.status}`) } : {}),
      ...(params.action ? { actionName: t.t(`actions.${params.action}`) } : {}),
      ...(params.allowed !== undefined
        ? { allowedNames: String(params.allowed).split(',').filter(Boolean).map((action) => t.t(`actions.${action}`)).join('、') || '—' }
        : {}),
    };
    const error: ContractError = { code, message: t.t(`errors.${code}`, named) };
    if (fields) error.fields = fields;
    return { id, ok: false, error };
  }

  function fieldErrors(error: ZodError, session: Session) {
    const t = translators[session.locale];
    return error.issues.map((issue) => {
      const path = issue.path.join('.');
      const key = [issue.message, String(issue.path.at(-1) ?? ''), String(issue.path[0] ?? '')].find((candidate) =>
        t.exists(`errors.field.${candidate}`),
      );
      return { path, message: t.t(`errors.field.${key ?? 'other'}`) };
    });
  }

  function handle(session: Session, raw: unknown): ResponseMessage {
    const envelope = RequestMessageSchema.safeParse(raw);
    const id = envelope.success ? envelope.data.id : requestIdOf(raw);
    if (!envelope.success) {
      logger.warn('request.refused', { reason: 'badMessage', role: session.role, sample: sampleOf(raw) });
      return refuse(id, session, 'badMessage');
    }
    const { name, args, input } = envelope.data;
    if (!isQuery(name) && !isCommand(name)) {
      logger.warn('request.refused', { reason: 'unknownRequest', name: name.slice(0, 64), role: session.role });
      return refuse(id, session, 'unknownRequest', { name: name.slice(0, 64) });
    }
    if (isCommand(name) && session.audience === 'public') {
      logger.warn('request.refused', { reason: 'readOnly', name, role: session.role });
      return refuse(id, session, 'readOnly');
    }
    const parsed = (argsSchemaOf(name) as z.ZodType).safeParse(args ?? {});
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error, session);
      logger.warn('request.refused', { reason: 'invalidArgs', name, fields });
      return refuse(id, session, 'invalidArgs', { details: fields.map((field) => field.message).join('；') }, fields);
    }
    try {
      const value = handlers[name](parsed.data as never, session, input);
      return { id, ok: true, value };
    } catch (error) {
      if (error instanceof CoreError) {
        logger.warn('request.refused', { reason: error.code, name, params: error.params });
        return refuse(id, session, error.code, error.params, error.fields);
      }
      if (error instanceof ZodError) return refuse(id, session, 'invalidArgs', { details: '' }, fieldErrors(error, session));
      logger.error('request.failed', { name, error: error instanceof Error ? error.stack : String(error) });
      return refuse(id, session, 'internal');
    }
  }

  return {
    handle,
    /** Every event, unprojected: a host projects it for each session's audience. */
    subscribe: hub.subscribe,
    get seq() {
      return hub.seq;
    },
    /** Whether the wall is in presentation mode (hosts project events with it). */
    get presentation() {
      return wall.state.presentation;
    },
    /** The parse `gridwall parse` prints. */
    parseCommand: (text: string, locale: Locale) => commands.parse(text, locale),
    /** A window went away: forget who was signed in there. */
    forget(connectionId: string): void {
      signedIn.delete(connectionId);
    },
    close(): void {
      feed.stop();
      video.close();
      db.close();
    },
  };
}
export type Core = ReturnType<typeof createCore>;

/** Timeline entries quote the draft a case was created from; visitors never see its reporter. */
function timelineData(data: unknown, audience: Audience): Record<string, unknown> {
  const record = (data ?? {}) as Record<string, unknown>;
  if (audience === 'operator' || !record.draft) return record;
  return { ...record, draft: { ...(record.draft as Record<string, unknown>), reporter: null } };
}

/** The presentation promise, applied to events: personal fields never leave the core for a public window. */
export function eventForAudience<M extends EventMessage>(message: M, audience: Audience): M {
  if (audience === 'operator' || message.event !== 'case.changed') return message;
  return { ...message, payload: { ...message.payload, case: caseForAudience(message.payload.case, audience) } };
}


function sampleOf(raw: unknown): string {
  try {
    return String(JSON.stringify(raw)).slice(0, 200);
  } catch {
    return typeof raw;
  }
}
