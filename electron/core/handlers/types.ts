import type { i18n } from 'i18next';
import type { ParsedArgsOf, ReferenceData, RequestName, ResultOf } from '../../../shared/contract/contract';
import type { InputKind } from '../../../shared/contract/messages';
import type { loadKeymap } from '../../../shared/commands/keymap';
import type { Audience } from '../../../shared/domain/case';
import type { Locale } from '../../../shared/domain/names';
import type { Camera } from '../../../shared/video/camera';
import type { EventHub } from '../runtime/eventHub';
import type { Actor, RoomAudit } from '../services/actors';
import type { AttachmentService } from '../services/attachments';
import type { CaseService } from '../services/caseService';
import type { CameraHealthRegistry } from '../services/cameraHealth';
import type { CommandService } from '../services/commandService';
import type { PresentationService } from '../services/presentation/presentationService';
import type { LinkState } from '../services/linkState';
import type { MapService } from '../services/mapService';
import type { ReferenceIndex } from '../services/referenceIndex';
import type { VideoWall } from '../services/videoWall';
import type { WallService } from '../services/wallService';
import type { Session, Sessions } from '../sessions';
import type { CaseStore } from '../store/caseStore';
import type { OperatorStore } from '../store/operatorStore';
import type { SyncActionInfo, SyncStatus } from '../../../shared/sync/syncStatus';

/** What the handlers work with: the services the composition root built, once. */
export interface CoreServices {
  store: CaseStore;
  cases: CaseService;
  attachments: AttachmentService;
  commands: CommandService;
  wall: WallService;
  video: VideoWall;
  presentation: PresentationService;
  map: MapService;
  /** What each console's windows share: the selected case, the queue's filters. */
  links: LinkState;
  cameraHealth: CameraHealthRegistry;
  sessions: Sessions;
  operators: OperatorStore;
  hub: EventHub;
  audit: RoomAudit;
  referenceData: ReferenceData;
  reference: ReferenceIndex;
  cameras: readonly Camera[];
  keymap: ReturnType<typeof loadKeymap>;
  translators: Record<Locale, i18n>;
  clock: () => number;
  demo: boolean;
  reportsDir: string;
  /** The link to the district platform (off on a wall started without one). */
  sync: { status(): SyncStatus; actions(state: 'waiting' | 'rejected', limit: number): SyncActionInfo[]; acknowledgeRejections(actor: Actor): SyncStatus };
  /** Operators by id, plus the core's own actors (history, demo feed, system), named in a language. */
  actorNames(locale: Locale): Map<string, string>;
}

/** One request as a handler sees it. */
export interface RequestContext {
  session: Session;
  input: InputKind;
  /** Who the answer is for right now: presentation mode narrows the wall windows to the public's view. */
  audience: Audience;
  /** The signed-in operator making this request; a write is refused before its handler runs when there is none. */
  readonly actor: Actor;
}

export type Handler<N extends RequestName> = (args: ParsedArgsOf<N>, context: RequestContext) => ResultOf<N> | Promise<ResultOf<N>>;
export type HandlerMap<N extends RequestName> = { [K in N]: Handler<K> };

/** A handler module: one area of the contract, the requests it serves, and which of its writes need no sign-in. */
export interface HandlerModule<N extends RequestName> {
  area: string;
  handlers: HandlerMap<N>;
  /** Writes served without a signed-in operator (signing in, signing out); they also run outside the write transaction. */
  withoutSignIn: readonly N[];
}

export function handlerModule<N extends RequestName>(area: string, handlers: HandlerMap<N>, withoutSignIn: readonly NoInfer<N>[] = []): HandlerModule<N> {
  return { area, handlers, withoutSignIn };
}

/** A module as the dispatch holds it, whatever requests it serves. */
type AnyModule = { area: string; handlers: Readonly<Record<string, unknown>>; withoutSignIn: readonly string[] };
type ServedBy<Module> = Module extends { handlers: infer Served } ? keyof Served : never;
/** The requests no module in M serves: `never` when the contract is complete. */
export type Unserved<M extends readonly AnyModule[]> = Exclude<RequestName, ServedBy<M[number]>>;

/**
 * Every request of the contract, each served by exactly one module. A
 * request nobody serves fails to compile (see `Unserved`); two modules
 * serving one, or a handler for a request the contract does not have, stops
 * the core at start with their names.
 */
export function combineHandlers(modules: readonly AnyModule[], requestNames: readonly RequestName[]) {
  const handlers = new Map<string, { handler: Handler<RequestName>; area: string }>();
  const withoutSignIn = new Set<string>();
  const twice: string[] = [];
  for (const module of modules) {
    for (const [name, handler] of Object.entries(module.handlers)) {
      if (handlers.has(name)) twice.push(`${name} (${handlers.get(name)!.area}, ${module.area})`);
      handlers.set(name, { handler: handler as Handler<RequestName>, area: module.area });
    }
    for (const name of module.withoutSignIn) withoutSignIn.add(name);
  }
  const missing = requestNames.filter((name) => !handlers.has(name));
  const unknown = [...handlers.keys()].filter((name) => !requestNames.includes(name as RequestName));
  if (missing.length || twice.length || unknown.length) {
    throw new Error(`The core's handlers do not match the contract: missing ${missing.join(', ') || '—'}; served twice ${twice.join(', ') || '—'}; not in the contract ${unknown.join(', ') || '—'}`);
  }
  return { handlerOf: (name: RequestName) => handlers.get(name)!.handler, needsSignIn: (name: RequestName) => !withoutSignIn.has(name) };
}
