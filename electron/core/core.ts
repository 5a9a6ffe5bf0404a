import { requestIdOf, type ResponseMessage } from '../../shared/contract/messages';
import { requestNames } from '../../shared/contract/contract';
import type { Locale } from '../../shared/domain/names';
import { createWorkCalendar } from '../../shared/domain/workCalendar';
import { createI18n } from '../../shared/i18n/index';
import type { KeyFocusEntry } from '../../shared/video/priority';
import { demoSlotPlan, type SlotPlan } from '../../shared/video/slots';
import { mapHandlers } from './handlers/mapHandlers';
import { createCameraHealth } from './services/cameraHealth';
import { createLinkState } from './services/linkState';
import { createMapService } from './services/mapService';
import type { Camera } from '../../shared/video/camera';
import { effectiveAudience } from '../../shared/wall/wallState';
import { dirname, join } from 'node:path';
import { bootCore, type Booted } from './boot';
import { startDemoFeed } from './demo/feed';
import { createDispatch } from './dispatch';
import { caseHandlers } from './handlers/caseHandlers';
import { commandHandlers } from './handlers/commandHandlers';
import { reportHandlers } from './handlers/reportHandlers';
import { roomHandlers } from './handlers/roomHandlers';
import { sessionHandlers } from './handlers/sessionHandlers';
import { combineHandlers, type CoreServices, type Unserved } from './handlers/types';
import { videoHandlers } from './handlers/videoHandlers';
import { presentationHandlers } from './handlers/presentationHandlers';
import { syncHandlers } from './handlers/syncHandlers';
import { createRefusals } from './refusals';
import { DisposableStore } from './runtime/disposables';
import { createEventHub, type EventHub } from './runtime/eventHub';
import { silentLogger, type Logger } from './runtime/logger';
import { createRequestScheduler } from './runtime/requestScheduler';
import { contained, logUnexpected, type UnexpectedErrorHandler } from './runtime/unexpected';
import { createUnitOfWork, type UnitOfWork } from './runtime/unitOfWork';
import { roomAudit, type Actor } from './services/actors';
import { createAttachmentService } from './services/attachments';
import { createCaseService } from './services/caseService';
import { createCommandService } from './services/commandService';
import { createPresentationService } from './services/presentation/presentationService';
import { createVideoWall, type VideoWall } from './services/videoWall';
import { createWallService } from './services/wallService';
import { createPlatformCases } from './services/platformCases';
import { startSync, type SyncOptions, type SyncService } from './sync/syncService';
import { syncOff } from '../../shared/sync/syncStatus';
import { createSessions, defaultSignInHours, type Session } from './sessions';
import { getSetting, setSetting } from './store/referenceStore';
import { createRequestLog, requestLogKeepMs } from './store/requestLog';
import { createSignInStore } from './store/signInStore';

export type { Session } from './sessions';

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
  /** How long a sign-in lasts (a shift); default 12 hours. */
  signInHours?: number;
  /** The district platform to sync with (docs/SYNC.md); without it the room works on its own. */
  platform?: SyncOptions;
  clock?: () => number;
  logger?: Logger;
}

export const defaultDemoOptions: DemoOptions = { seed: 20261126, historyDays: 183, historyPerDay: 95, feedRatePerMinute: 2 };

const hourMs = 3_600_000;

/**
 * The core, composed: boot (database and the room's files, read once), the
 * services over them, the sessions, one handler module per area and one
 * dispatch. `handle` is the only way in; `close` undoes everything started,
 * in reverse order, as does a start that fails half-way.
 */
export function createCore(options: CoreOptions) {
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const onUnexpected = logUnexpected(logger);
  const disposables = new DisposableStore();
  try {
    const booted = bootCore(options, clock, logger, disposables);
    return assemble(options, booted, { clock, logger, onUnexpected, disposables });
  } catch (error) {
    disposables.dispose();
    throw error;
  }
}

interface Runtime {
  clock: () => number;
  logger: Logger;
  onUnexpected: UnexpectedErrorHandler;
  disposables: DisposableStore;
}

/** The services over the booted database, wired once; their timers are registered with the disposables. */
function createServices(options: CoreOptions, booted: Booted, runtime: Runtime, unitOfWork: UnitOfWork, hub: EventHub): CoreServices {
  const { clock } = runtime;
  const { db, store } = booted;
  const translators = { 'zh-CN': createI18n('zh-CN'), en: createI18n('en') };
  const audit = roomAudit(store.audit, clock);
  const calendar = createWorkCalendar(booted.referenceData.calendar);
  const cases = createCaseService({
    db,
    cases: store,
    reference: () => booted.reference,
    calendar: () => calendar,
    clock,
    announce: (change) => hub.emit('case.changed', change),
    unitOfWork,
  });
  const wall = createWallService({ db, audit, announce: (state) => hub.emit('wall.changed', { state }) });
  const plan = booted.videoPlan?.plan ?? demoSlotPlan(booted.cameras);
  const video = startVideoWall(options, booted, plan, { ...runtime, wall, hub, audit });
  const cameraIds = new Set(booted.cameras.map((camera) => camera.id));
  const actorNames = (locale: Locale) => {
    const t = translators[locale];
    return new Map([
      ['history', t.t('actors.history')],
      ['demo-feed', t.t('actors.demoFeed')],
      ['system', t.t('actors.system')],
      ['platform', t.t('actors.platform')],
      ...booted.operators.list().map((operator) => [operator.id, operator.name] as [string, string]),
    ]);
  };
  const attachments = createAttachmentService({ db, cases: store, clock, names: () => actorNames('zh-CN') });
  const presentation = runtime.disposables.add(
    'presentation',
    createPresentationService({
      db,
      store,
      reference: booted.referenceData,
      slotPlan: booted.videoPlan?.plan ?? demoSlotPlan(booted.cameras),
      attachments,
      wall,
      hub,
      audit,
      clock,
      onUnexpected: runtime.onUnexpected,
    }),
    (service) => service.close(),
  );
  const videoForCommands = {
    cameraOn: (screen: number) => booted.cameras.find((camera) => camera.id === video.state.tiles.find((tile) => tile.screen === screen)?.cameraId) ?? null,
    place: (screen: number, cameraId: string, actor: Actor) => void video.place(screen, cameraId, actor),
  };
  return {
    store,
    cases,
    attachments,
    presentation,
    commands: createCommandService({ cases, store, reference: () => booted.reference, cameras: () => booted.cameras, wall, video: videoForCommands, translators, clock }),
    wall,
    video,
    map: createMapService({
      statements: store.statements,
      reference: () => booted.reference,
      referenceData: booted.referenceData,
      cameras: () => booted.cameras,
      plan,
      homeSubDistrictId: booted.map.homeSubDistrictId,
      basemap: booted.map.basemap,
      warnings: booted.map.warnings,
      clock,
    }),
    links: createLinkState({ hub, clock, caseById: (id) => store.get(id) }),
    cameraHealth: createCameraHealth({ hub, clock, knownCamera: (id) => cameraIds.has(id) }),
    sessions: createSessions({
      operators: booted.operators,
      signIns: createSignInStore(store.statements),
      audit: store.audit,
      clock,
      lifetimeMs: (options.signInHours ?? defaultSignInHours) * hourMs,
      timeText: (at) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(at),
    }),
    operators: booted.operators,
    hub,
    audit,
    referenceData: booted.referenceData,
    reference: booted.reference,
    cameras: booted.cameras,
    keymap: booted.keymap,
    translators,
    clock,
    demo: options.demo !== null,
    reportsDir: options.reportsDir ?? join(dirname(options.dbPath), 'reports'),
    actorNames,
    sync: { status: () => syncOff, actions: () => [], acknowledgeRejections: () => syncOff },
  };
}

/** The sync with the district platform, when the room is configured with one. */
function startPlatformSync(options: CoreOptions, booted: Booted, runtime: Runtime, unitOfWork: UnitOfWork, hub: EventHub, services: CoreServices): SyncService | null {
  if (!options.platform) return null;
  const platformCases = createPlatformCases({ cases: booted.store, reference: () => booted.reference, clock: runtime.clock, announce: (change) => hub.emit('case.changed', change) });
  const sync = startSync({ db: booted.db, cases: booted.store, platformCases, unitOfWork, hub, audit: services.audit, clock: runtime.clock, logger: runtime.logger, onUnexpected: runtime.onUnexpected, options: options.platform });
  runtime.disposables.add('platform sync', sync, (running) => void running.close());
  services.sync = { status: sync.status, actions: sync.actions, acknowledgeRejections: sync.acknowledgeRejections };
  return sync;
}

function assemble(options: CoreOptions, booted: Booted, runtime: Runtime) {
  const { clock, logger, onUnexpected, disposables } = runtime;
  const hub = createEventHub({ firstSeq: booted.firstEventSeq, onUnexpected });
  const unitOfWork = createUnitOfWork(booted.db, hub);
  const services = createServices(options, booted, runtime, unitOfWork, hub);
  const sync = startPlatformSync(options, booted, runtime, unitOfWork, hub, services);
  const { wall, translators } = services;
  if (options.demo) {
    const feed = startDemoFeed({ reference: booted.referenceData, cases: services.cases, store: booted.store, logger, options: { ratePerMinute: options.demo.feedRatePerMinute, seed: options.demo.seed ^ clock() } });
    disposables.add('demo feed', feed, (running) => running.stop());
  }
  const requestLog = createRequestLog(booted.store.statements);
  startHousekeeping(requestLog, services, onUnexpected, disposables);

  const modules = [
    sessionHandlers(services),
    caseHandlers(services),
    videoHandlers(services),
    roomHandlers(services),
    reportHandlers(services),
    commandHandlers(services),
    presentationHandlers(services),
    mapHandlers(services),
    syncHandlers(services),
  ];
  // Fails to compile when a request of the contract has no handler (and names it).
  const everyRequestServed: [Unserved<typeof modules>] extends [never] ? true : Unserved<typeof modules> = true;
  void everyRequestServed;
  const handlers = combineHandlers(modules, requestNames);
  const refusals = createRefusals(translators);
  /** Who a window shows data to right now: presentation mode narrows the wall windows. */
  const audienceOf = (session: Session) => effectiveAudience(session, wall.state.presentation);
  const dispatch = createDispatch({ handlers, sessions: services.sessions, requestLog, unitOfWork, refusals, audienceOf, clock, logger });
  const scheduler = createRequestScheduler({
    run: (session, raw) =>
      dispatch.handle(session, raw).catch((error: unknown) => {
        onUnexpected(error, 'dispatch');
        return refusals.refuse(requestIdOf(raw), session.locale, 'internal');
      }),
    busy: (session, raw) => refusals.refuse(requestIdOf(raw), session.locale, 'busy'),
  });

  return {
    /** Answers one message from a window (never throws; a refusal is an answer too). */
    handle: (session: Session, raw: unknown): Promise<ResponseMessage> => scheduler.schedule(session, raw),
    /** Every event, unprojected: a host projects it for each session's audience. */
    subscribe: hub.subscribe,
    get seq() {
      return hub.seq;
    },
    /** Whether the wall is in presentation mode (hosts project events with it). */
    get presentation() {
      return wall.state.presentation;
    },
    /** The link to the district platform (tests and benchmarks wait on it); null without one. */
    sync,
    /** The parse `gridwall parse` prints. */
    parseCommand: (text: string, locale: Locale) => services.commands.parse(text, locale),
    /** A window went away: forget who was signed in there. */
    forget(connectionId: string): void {
      services.sessions.forget(connectionId);
      services.cameraHealth.forget(connectionId);
    },
    close(): void {
      for (const failure of disposables.dispose()) onUnexpected(failure.error, `closing ${failure.name}`);
    },
  };
}
export type Core = ReturnType<typeof createCore>;

/** The video wall: the slot plan, key focus, emergencies from urgent cases, hand placements and pins. */
function startVideoWall(
  options: CoreOptions,
  booted: Booted,
  plan: SlotPlan,
  deps: Runtime & { wall: ReturnType<typeof createWallService>; hub: EventHub; audit: ReturnType<typeof roomAudit> },
): VideoWall {
  const { db } = booted;
  const video = deps.disposables.add(
    'video wall',
    createVideoWall({
      cameras: () => booted.cameras,
      wall: deps.wall,
      plan,
      keyFocus: booted.videoPlan?.keyFocus ?? [],
      clock: deps.clock,
      announce: (state) => deps.hub.emit('video.changed', { state }),
      audit: deps.audit,
      onUnexpected: deps.onUnexpected,
      ...(options.emergencyMinutes !== undefined ? { emergencyMinutes: options.emergencyMinutes } : {}),
      ...(options.videoWindows !== undefined ? { videoWindows: options.videoWindows } : {}),
      loadPins: () => JSON.parse(getSetting(db, 'video.pins') ?? '{}') as Record<string, string>,
      savePins: (pins) => setSetting(db, 'video.pins', JSON.stringify(pins)),
      loadKeyFocus: () => JSON.parse(getSetting(db, 'video.keyFocus') ?? 'null') as KeyFocusEntry[] | null,
      saveKeyFocus: (entries) => setSetting(db, 'video.keyFocus', JSON.stringify(entries)),
    }),
    (wall) => wall.close(),
  );
  // Reacts after the event that caused it has reached every listener, so event numbers stay in order everywhere.
  const pendingCases = new Map<number, Parameters<VideoWall['caseChanged']>[0]>();
  let wallPending = false;
  const react = () => {
    if (wallPending) {
      wallPending = false;
      video.wallChanged();
    }
    for (const item of pendingCases.values()) video.caseChanged(item);
    pendingCases.clear();
  };
  const stop = deps.hub.subscribe((message) => {
    if (message.event === 'case.changed') pendingCases.set(message.payload.case.id, message.payload.case);
    else if (message.event === 'wall.changed') wallPending = true;
    else return;
    queueMicrotask(() => contained(deps.onUnexpected, 'video wall reaction', react));
  });
  deps.disposables.add('video wall reaction', stop, (unsubscribe) => unsubscribe());
  return video;
}

/** Old request answers and ended sign-ins are dropped at start and every hour. */
function startHousekeeping(requestLog: ReturnType<typeof createRequestLog>, services: CoreServices, onUnexpected: UnexpectedErrorHandler, disposables: DisposableStore): void {
  const sweep = () =>
    contained(onUnexpected, 'housekeeping', () => {
      const cutoff = services.clock() - requestLogKeepMs;
      requestLog.forgetBefore(cutoff);
      services.sessions.forgetEndedBefore(cutoff);
    });
  sweep();
  const timer = setInterval(sweep, hourMs);
  timer.unref();
  disposables.add('housekeeping', timer, clearInterval);
}
