import { z } from 'zod';
import { CaseDraftSchema, CaseSchema, CaseStatusSchema, LngLatSchema, TimeLimitSchema, type Audience, type Case } from '../domain/case';
import type { OperatorRole } from '../domain/lifecycle';
import type { DepartmentKpis, Kpis, Period } from '../domain/kpi';
import type { WorkCalendarData } from '../domain/workCalendar';
import type { DistrictGeography, LngLat } from '../domain/district';
import type { Name } from '../domain/names';
import type { DensityResult } from '../map/density';
import { CameraHealthSchema, CameraHealthStateSchema, CaseSelectionSchema, WindowOriginSchema, type CaseSelection, type LinkedState } from '../map/linkState';
import type { MapSetup } from '../map/mapSetup';
import type { Category, Department, Source } from '../domain/organisation';
import type { WindowRole } from '../wall/roles';
import type { Lexicon } from '../commands/lexicon';
import type { Binding } from '../commands/keymap';
import type { Camera } from '../video/camera';
import { VideoStateSchema, type VideoCoverage, type VideoState } from '../video/videoState';
import { WallStateSchema, type WallState } from '../wall/wallState';
import { PresentationViewSchema, TourActionSchema, TourSchema, type Tour } from '../presentation/tour';
import type { PresentationFigures } from '../presentation/figures';
import { SyncStatusSchema, type SyncActionInfo, type SyncStatus } from '../sync/syncStatus';

/**
 * The contract between the core and every window. Each query and command has
 * a runtime schema for its arguments: the core validates every message at the
 * boundary (Electron IPC and WebSocket alike) before anything runs.
 *
 * Results are typed here but not re-validated: they come from our own core.
 */

const NoArgs = z.object({});
const CaseIdArgs = z.object({ caseId: z.number().int().positive() });
/** The most cases one answer carries (about 1 MB): a window reads a longer list page by page. */
export const maxCasesPerAnswer = 1_000;
/** The most ids one `cases.byIds` may ask for (a drill-down reads its cases in chunks of this many). */
export const maxIdsPerRequest = 500;
const CasesListArgs = z.object({
  scope: z.enum(['open', 'all']).default('open'),
  limit: z.number().int().min(1).max(maxCasesPerAnswer).default(maxCasesPerAnswer),
  /** The page after this case id (the previous page's `nextBefore`); null for the first page. */
  before: z.number().int().positive().nullable().default(null),
});
const SetUrgentArgs = z.object({ caseId: z.number().int().positive(), urgent: z.boolean() });
const CaseId = z.number().int().positive();
const DepartmentId = z.string().min(1).max(40);
const Reason = z.string().trim().max(500).default('');
const ShortText = z.string().trim().max(50);
const VideoScreen = z.number().int().min(1).max(200);
const VideoCameraId = z.string().min(1).max(40);

/** The queue's view: filters, order and the page of rows it needs. */
export const CaseQuerySchema = z.object({
  /** Empty: every open status. */
  statuses: z.array(CaseStatusSchema).max(10).default([]),
  sourceIds: z.array(ShortText).max(20).default([]),
  /** Category code prefixes: "2" (events), "204" (a major), "20401" (a minor). */
  categoryPrefixes: z.array(z.string().regex(/^\d{1,5}$/)).max(20).default([]),
  gridIds: z.array(ShortText).max(100).default([]),
  departmentIds: z.array(DepartmentId).max(20).default([]),
  urgent: z.boolean().nullable().default(null),
  overdue: z.boolean().nullable().default(null),
  supervised: z.boolean().nullable().default(null),
  /** Words from the number, description or address (Chinese works as plain substrings). */
  text: ShortText.default(''),
  sort: z.enum(['priority', 'newest', 'oldest', 'deadline']).default('priority'),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type CaseQuery = z.output<typeof CaseQuerySchema>;

/** The queue's filters without paging and order: what a console shares with its map. */
export const CaseFilterSchema = CaseQuerySchema.omit({ offset: true, limit: true, sort: true });
export type CaseFilter = z.output<typeof CaseFilterSchema>;
const SharedFilterSchema = z.object({ filter: CaseFilterSchema, origin: z.string().nullable(), at: z.number() });

/** A camera that can see a spot on the map: pointing at it, or a dome that can be turned to it. */
export interface CameraSight {
  cameraId: string;
  distanceM: number;
  bearingDeg: number;
  coverage: 'facing' | 'omni';
}

/** A spot on the map as a new case there would be filed: its grid and the nearest address and named place. */
export interface PlaceAt {
  lngLat: LngLat;
  inDistrict: boolean;
  gridId: string | null;
  workstationId: string | null;
  subDistrictId: string | null;
  /** "光复路200号" and "200 Guangfu Road", from the nearest road within reach; null when none is near. */
  address: Name | null;
  addressDistanceM: number | null;
  nearestPlace: { id: string; name: Name; distanceM: number } | null;
}

/** Camera ids a video window reports at most (one per screen of a very large wall). */
export const maxHealthReports = 400;

/**
 * Every lifecycle step is one command, `case.act`, told apart by `action`;
 * the core checks it against the lifecycle (shared/domain/lifecycle.ts).
 */
export const CaseActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('verify'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('register'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('void'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('merge'), caseId: CaseId, parentId: CaseId, reason: Reason }),
  z.object({
    action: z.literal('dispatch'),
    caseId: CaseId,
    leadDepartmentId: DepartmentId,
    helperDepartmentIds: z.array(DepartmentId).max(8).default([]),
    reason: Reason,
  }),
  z.object({ action: z.literal('startHandling'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('returnCase'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('reportBack'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('close'), caseId: CaseId, reason: Reason, satisfaction: z.number().min(0).max(1).nullable().default(null) }),
  z.object({ action: z.literal('rework'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('requestExtension'), caseId: CaseId, limit: TimeLimitSchema, reason: Reason }),
  z.object({ action: z.literal('approveExtension'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('refuseExtension'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('hang'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('resume'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('reopen'), caseId: CaseId, reason: Reason }),
  z.object({ action: z.literal('addHelpers'), caseId: CaseId, helperDepartmentIds: z.array(DepartmentId).min(1).max(8), reason: Reason }),
  z.object({
    action: z.literal('recordHelperProgress'),
    caseId: CaseId,
    departmentId: DepartmentId,
    progress: z.enum(['inProgress', 'reportedBack']),
    reason: Reason,
  }),
  z.object({ action: z.literal('supervise'), caseId: CaseId, level: z.number().int().min(0).max(3), reason: Reason }),
]);
export type CaseActionArgs = z.output<typeof CaseActionSchema>;

export interface OperatorInfo {
  id: string;
  name: string;
  role: OperatorRole;
}

export interface SignedIn {
  operator: OperatorInfo;
  /** Kept by the window to sign in again after a reconnect or a core restart, until it expires or the operator signs out. */
  token: string;
  /** When this sign-in ends by itself (a shift after the PIN was given). */
  expiresAt: number;
}

/** An operator who may not sign in for a while after too many wrong PINs; the duty director can clear it. */
export interface SignInLockout {
  operatorId: string;
  operatorName: string;
  until: number;
  failures: number;
}

/** One entry of a case's timeline, read from the hash-chained audit trail. */
export interface TimelineEntry {
  id: number;
  caseId: number;
  at: number;
  actor: string;
  actorName: string;
  input: string;
  kind: string;
  data: Record<string, unknown>;
  hash: string;
}

export const handoverSections = ['urgent', 'overdue', 'aboutToExpire', 'hung', 'returned'] as const;
export type HandoverSection = (typeof handoverSections)[number];
/** The most cases of one handover section a window receives (the printable file lists every one). */
export const handoverSectionLimit = 200;

export interface HandoverReport {
  from: number;
  to: number;
  generatedAt: number;
  counts: { open: number; createdInShift: number; closedInShift: number };
  /** How many cases each section holds; a window receives at most `handoverSectionLimit` of each (the file has them all). */
  sectionTotals: Record<HandoverSection, number>;
  urgent: Case[];
  overdue: Case[];
  aboutToExpire: Case[];
  hung: Case[];
  returned: Case[];
  keyEvents: TimelineEntry[];
  /** Numbers of the cases the key events name. */
  caseNumbers: Record<number, string>;
  /** Where the printable file was written (operator sessions only). */
  file?: string;
  /** Video coverage during the shift, per time slot: how many cameras were shown and which never were. */
  video?: Array<{ slotId: string; name: { zh: string; en: string }; shown: number; notShown: string[] }>;
}

export interface Assessment {
  period: Period;
  overall: Kpis;
  departments: DepartmentKpis[];
}

/** Pictures a case may carry: checked by their first bytes, not by what the sender claims. */
export const attachmentMimes = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** About 2 MB of image as base64. */
export const maxAttachmentBase64 = 2_800_000;

export interface AttachmentInfo {
  id: number;
  caseId: number;
  at: number;
  kind: 'photo' | 'snapshot';
  mime: (typeof attachmentMimes)[number];
  caption: string;
  actorName: string;
}

export interface CaseQueryResult {
  seq: number;
  total: number;
  cases: Case[];
}

/** A snapshot carries the event sequence number it was read at, so a window
 * can apply only the events that came after it. Newest case first, a page at
 * a time: `nextBefore` asks for the next page, null after the last. */
export interface CaseListSnapshot {
  seq: number;
  cases: Case[];
  nextBefore: number | null;
}

export interface SessionInfo {
  role: WindowRole;
  /** The windows that follow one another's selection and filters (see shared/map/linkState.ts). */
  linkGroup: string;
  audience: Audience;
  /** This window shows the presentation now (a presentation window, or a wall window while the wall presents): it may read only the presentation. */
  presenting: boolean;
  serverTime: number;
  seq: number;
  demo: boolean;
  operator: OperatorInfo | null;
}

export interface ReferenceData {
  geography: DistrictGeography;
  departments: Department[];
  categories: Category[];
  sources: Source[];
  /** Working days and hours, holidays and 调休: deadlines are counted on it. */
  calendar: WorkCalendarData;
  /** Everyday words for problems, for the command parser. */
  lexicon: Lexicon;
}

/** What a command line means, read back in the window's language, and whether it can run as it is. */
export interface CommandUnderstanding {
  readBack: string;
  ready: boolean;
}

export interface CommandOutcome {
  /** What was done (or undone), in one line. */
  readBack: string;
  caseId: number | null;
  caseNumber: string | null;
  /** Until when Ctrl+Z takes it back; null when there is nothing to undo. */
  undoableUntil: number | null;
}

export interface Keymap {
  bindings: Binding[];
  /** Problems of the room's keymap file, in the window's language; the defaults are in use when there are any. */
  problems: string[];
}

/** A closed case the duty director chose to show visitors, with the pictures released for it (operators' view). */
export interface HighlightChoice {
  caseId: number;
  number: string;
  categoryCode: string;
  closedAt: number | null;
  /** Attachment ids released as "before" and "after" pictures; no other picture ever reaches a presentation window. */
  before: number[];
  after: number[];
}

/** How the presentation is set up: the director's highlights and the tour. */
export interface PresentationSetup {
  highlights: HighlightChoice[];
  tour: Tour;
}

/** What a presentation window needs to know to draw its page. */
export interface PresentationState {
  /** The event number this state was read at (events after it bring it up to date). */
  seq: number;
  /** Whether the wall is in presentation mode (wall windows then show the presentation). */
  presenting: boolean;
  tour: Tour;
  serverTime: number;
}

/** The most highlights the director may choose, and pictures per side of one. */
export const maxHighlights = 12;
export const maxHighlightPictures = 4;

/** Long enough that the parser, not the schema, says "too long" in the operator's language. */
const CommandText = z.string().max(20_000);

/** Pairs an argument schema with the result type it answers with. */
function define<Result>() {
  return <Args extends z.ZodType>(args: Args) => ({ args, result: undefined as unknown as Result });
}

export const queries = {
  'session.hello': define<SessionInfo>()(NoArgs),
  'operators.list': define<OperatorInfo[]>()(NoArgs),
  'reference.get': define<ReferenceData>()(NoArgs),
  'cases.list': define<CaseListSnapshot>()(CasesListArgs),
  'cases.query': define<CaseQueryResult>()(CaseQuerySchema),
  'case.get': define<Case>()(CaseIdArgs),
  'case.timeline': define<TimelineEntry[]>()(CaseIdArgs),
  'case.duplicates': define<Case[]>()(CaseIdArgs),
  'case.attachments': define<AttachmentInfo[]>()(CaseIdArgs),
  'attachment.get': define<{ mime: string; dataBase64: string }>()(z.object({ attachmentId: z.number().int().positive() })),
  /** Department assessment for a calendar month (Beijing time). */
  'kpi.get': define<Assessment>()(z.object({ month: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/) })),
  /** Cases by id, e.g. the ones behind a KPI figure. */
  'cases.byIds': define<Case[]>()(z.object({ ids: z.array(CaseId).max(maxIdsPerRequest) })),
  /** The command bar's read-back as the operator types (docs/COMMANDS.md). */
  'command.understand': define<CommandUnderstanding>()(z.object({ text: CommandText })),
  'wall.get': define<WallState>()(NoArgs),
  /** The shift's hotkeys (defaults, or the room's keymap.json), and why a keymap file was refused. */
  'keymap.get': define<Keymap>()(NoArgs),
  'cameras.list': define<Camera[]>()(NoArgs),
  /** What every screen of the video wall shows and why (docs/ARCHITECTURE.md, video wall). */
  'video.get': define<VideoState>()(NoArgs),
  /** Seconds each camera was on the wall per time slot, and the cameras a slot never showed. */
  'video.coverage': define<VideoCoverage>()(z.object({ hours: z.number().int().min(1).max(72).default(12) })),
  /** Operators locked out of signing in after too many wrong PINs. */
  'operators.lockouts': define<SignInLockout[]>()(NoArgs),
  /** Presentation: whether the wall presents, and where the tour is. */
  'presentation.state': define<PresentationState>()(NoArgs),
  /** Presentation: one view's figures, aggregated and projected in the core (docs/ARCHITECTURE.md, presentation). */
  'presentation.view': define<PresentationFigures>()(z.object({ view: PresentationViewSchema })),
  /** Presentation: a picture the director released for a highlight; any other id is not found. */
  'presentation.picture': define<{ mime: string; dataBase64: string }>()(z.object({ attachmentId: z.number().int().positive() })),
  /** Operators: the highlights chosen and the tour, for the director's set-up. */
  'presentation.setup': define<PresentationSetup>()(NoArgs),
  /** What this window's console shares: the selected case, the queue's filters, and the room's camera health. */
  'links.get': define<LinkedState<CaseFilter>>()(NoArgs),
  /** The map's configuration: the room's own sub-district, the basemap, warnings about the district, the density slots. */
  'map.setup': define<MapSetup>()(NoArgs),
  /** Cases per grid, time slot and category over the last `days` (and the period before), counted in the core. */
  'map.density': define<DensityResult>()(z.object({ days: z.number().int().min(1).max(180).default(30), heat: z.boolean().default(false) })),
  /** Cameras that can see a spot: pointing at it or able to turn to it, nearest first. */
  'map.camerasAt': define<CameraSight[]>()(z.object({ lngLat: LngLatSchema })),
  /** A spot's grid, workstation, sub-district, nearest address and named place (for "new case here"). */
  'map.placeAt': define<PlaceAt>()(z.object({ lngLat: LngLatSchema })),
  /** The link to the district platform, for every window's sync light (docs/SYNC.md). */
  'sync.status': define<SyncStatus>()(NoArgs),
  /** The room's actions still on their way to the platform, or the ones it rejected (with why), newest first. */
  'sync.actions': define<SyncActionInfo[]>()(z.object({ state: z.enum(['waiting', 'rejected']), limit: z.number().int().min(1).max(500).default(200) })),
} as const;

export const commands = {
  'session.signIn': define<SignedIn>()(
    z.union([z.object({ operatorId: ShortText.min(1), pin: z.string().max(20) }), z.object({ token: z.string().min(10).max(100) })]),
  ),
  /** Ends this window's sign-in and revokes its token everywhere. */
  'session.signOut': define<null>()(NoArgs),
  /** Duty director only: lets an operator locked out by wrong PINs try again. */
  'session.clearLockout': define<null>()(z.object({ operatorId: ShortText.min(1) })),
  'case.create': define<Case>()(CaseDraftSchema),
  'case.setUrgent': define<Case>()(SetUrgentArgs),
  'case.act': define<Case>()(CaseActionSchema),
  'case.attach': define<AttachmentInfo>()(
    z.object({
      caseId: CaseId,
      kind: z.enum(['photo', 'snapshot']),
      mime: z.enum(attachmentMimes),
      dataBase64: z.string().min(16).max(maxAttachmentBase64).regex(/^[A-Za-z0-9+/]+={0,2}$/),
      caption: z.string().trim().max(100).default(''),
    }),
  ),
  /** The shift handover report for the last `hours`; also written as a printable file. */
  'report.handover': define<HandoverReport>()(z.object({ hours: z.number().int().min(1).max(72).default(12) })),
  /** Runs a command line if it still reads back as `expectedReadBack` (what the operator confirmed). */
  'command.run': define<CommandOutcome>()(
    z.object({ text: CommandText, expectedReadBack: z.string().max(2_000).nullable().default(null), selectedCaseId: CaseId.nullable().default(null) }),
  ),
  /** Takes back the operator's last command or hotkey action within the undo window. */
  'command.undo': define<CommandOutcome>()(NoArgs),
  /** Puts a camera on a screen by hand (null clears it); it holds until the next slot switch. */
  'video.place': define<VideoState>()(z.object({ screen: VideoScreen, cameraId: VideoCameraId.nullable() })),
  /** Pins what a screen shows so nothing replaces it, or unpins it. */
  'video.pin': define<VideoState>()(z.object({ screen: VideoScreen, pinned: z.boolean() })),
  /** "Show cameras for this case": its nearest cameras go on the wall as an emergency. */
  'video.showCase': define<VideoState>()(CaseIdArgs),
  /** Tile → case: a case registered from a tile, with the frame, the camera's place and grid and the slot. */
  'video.snapshotCase': define<Case>()(
    z.object({
      screen: VideoScreen,
      cameraId: VideoCameraId,
      categoryCode: z.string().regex(/^[12]\d{4}$/),
      description: z.string().trim().max(400).default(''),
      mime: z.enum(attachmentMimes),
      dataBase64: z.string().min(16).max(maxAttachmentBase64).regex(/^[A-Za-z0-9+/]+={0,2}$/),
    }),
  ),
  /** The room has read the district's rejections: the sync light stops showing them red (the list keeps them). */
  'sync.acknowledgeRejections': define<SyncStatus>()(NoArgs),
  /** Demo rehearsal only: run the video clock as if it were `atMs` (null: real time). */
  'video.setClock': define<VideoState>()(z.object({ atMs: z.number().int().positive().nullable() })),
  /** The presenter steps the tour, blanks the screen, stops or resumes it, or sets its dwell time. */
  'presentation.tour': define<Tour>()(TourActionSchema),
  /** Duty director: show a closed case as a highlight (with the pictures released for it), or stop showing it. */
  'presentation.highlight': define<PresentationSetup>()(
    z.object({
      caseId: CaseId,
      chosen: z.boolean(),
      before: z.array(z.number().int().positive()).max(maxHighlightPictures).default([]),
      after: z.array(z.number().int().positive()).max(maxHighlightPictures).default([]),
    }),
  ),
  /** Shows one screen alone over its window (null: the whole matrix again); with a camera, puts it there first unless it is already on the wall. */
  'video.solo': define<VideoState>()(z.object({ screen: VideoScreen.nullable(), cameraId: VideoCameraId.nullable().default(null) })),
  /** Adds a camera to key focus (kept on `screen` across slots) or takes it out. */
  'video.keyFocus': define<VideoState>()(z.object({ cameraId: VideoCameraId, screen: VideoScreen.nullable().default(null), on: z.boolean() })),
  /** Selects a case for this window's console (null: none); every window of it follows, the map flies there. Not a change to the case. */
  'selection.set': define<CaseSelection | null>()(z.object({ caseId: CaseId.nullable(), origin: WindowOriginSchema })),
  /** The queue shares its filters with its console's map (null: none). */
  'filter.share': define<null>()(z.object({ filter: CaseFilterSchema.nullable(), origin: WindowOriginSchema })),
  /** A video window says how the cameras it plays are doing (its whole set each time). */
  'cameras.reportHealth': define<null>()(
    z.object({
      health: z
        .record(VideoCameraId, CameraHealthStateSchema)
        .refine((health) => Object.keys(health).length <= maxHealthReports, { message: `at most ${maxHealthReports} cameras` }),
    }),
  ),
} as const;

export const events = {
  /** A case was created or changed; windows upsert it. */
  'case.changed': z.object({ change: z.enum(['created', 'updated']), case: CaseSchema }),
  /** The wall's shared state changed (presentation, module, layout, screens). */
  'wall.changed': z.object({ state: WallStateSchema }),
  /** What the video wall shows changed (slot switch, pre-warm notice, emergency, placement, pin). */
  'video.changed': z.object({ state: VideoStateSchema }),
  /** The presentation tour moved (a step, a blank screen, a stop, new highlights). */
  'presentation.changed': z.object({ tour: TourSchema }),
  /**
   * What a presentation window hears instead of a case or video change: that
   * something changed (a case, by its major category), so its counts are read
   * again. It keeps the event numbers gap-free without carrying any detail.
   */
  'presentation.pulse': z.object({ kind: z.enum(['case', 'video']), majorCode: z.string().nullable() }),
  /** A console selected a case (or none): its windows follow. */
  'selection.changed': z.object({ group: z.string(), selection: CaseSelectionSchema.nullable() }),
  /** A console's queue changed its filters. */
  'filter.changed': z.object({ group: z.string(), filter: SharedFilterSchema.nullable() }),
  /** Camera health changed (every camera some video window plays). */
  'cameras.healthChanged': z.object({ health: z.record(z.string(), CameraHealthSchema) }),
  /** The link to the district platform changed (online, waiting actions, rejections, confirmed change). */
  'sync.changed': z.object({ status: SyncStatusSchema }),
} as const;

export type QueryName = keyof typeof queries;
export type CommandName = keyof typeof commands;
export type EventName = keyof typeof events;
export type RequestName = QueryName | CommandName;

type Spec = { args: z.ZodType; result: unknown };
type Specs = typeof queries & typeof commands;
export type ArgsOf<N extends RequestName> = z.input<Specs[N]['args']>;
export type ParsedArgsOf<N extends RequestName> = z.output<Specs[N]['args']>;
export type ResultOf<N extends RequestName> = Specs[N] extends Spec ? Specs[N]['result'] : never;
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;

export const queryNames = Object.keys(queries) as QueryName[];
export const commandNames = Object.keys(commands) as CommandName[];
export const requestNames: RequestName[] = [...queryNames, ...commandNames];

/**
 * The requests a presentation window may make (an allow-list, checked by the
 * dispatch): figures, the tour, released pictures, and the room's reference
 * data (names, grids, hotkeys). Nothing here carries a case, a person or
 * free text; every other request is refused.
 */
export const presentationRequests = [
  'session.hello',
  'reference.get',
  'keymap.get',
  'wall.get',
  'presentation.state',
  'presentation.view',
  'presentation.picture',
] as const satisfies readonly RequestName[];

/**
 * What an operator's wall window may still ask while it presents: sign in or
 * out, and steer the wall and the tour (leave presentation by hotkey or
 * command). Never a visitor's window: its token is read-only.
 */
export const presentingConsoleRequests = [
  'session.signIn',
  'session.signOut',
  'command.understand',
  'command.run',
  'command.undo',
  'presentation.tour',
] as const satisfies readonly RequestName[];

export function isQuery(name: string): name is QueryName {
  return Object.hasOwn(queries, name);
}
export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

export function argsSchemaOf(name: RequestName): z.ZodType {
  return isQuery(name) ? queries[name].args : commands[name as CommandName].args;
}
