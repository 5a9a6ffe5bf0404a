import { ZodError, type z } from 'zod';
import { argsSchemaOf, isCommand, isQuery, presentationRequests, presentingConsoleRequests, type RequestName } from '../../shared/contract/contract';
import { requestIdOf, RequestMessageSchema, windowInputKinds, type InputKind, type ResponseMessage } from '../../shared/contract/messages';
import { nestsDeeperThan } from '../../shared/contract/shape';
import type { Audience } from '../../shared/domain/case';
import { CoreError } from './errors';
import type { combineHandlers, RequestContext } from './handlers/types';
import type { Logger } from './runtime/logger';
import type { UnitOfWork } from './runtime/unitOfWork';
import type { Actor } from './services/actors';
import type { Refusals } from './refusals';
import type { Session, Sessions } from './sessions';
import type { RequestLog } from './store/requestLog';

interface Accepted {
  id: number;
  name: RequestName;
  args: unknown;
  input: InputKind;
  requestId: string | undefined;
}

/**
 * The one way into the core. Checks, in order: the message's shape, the
 * envelope, the request name, the input kind the window claims, the
 * session's right to write, the arguments; then who acts (every write needs
 * a signed-in operator). A write runs in one transaction with its first
 * answer remembered under the window's request id, so a retry is answered,
 * not applied again. Every refusal is an error in the session's language;
 * nothing refused writes anything, and nothing a window sends stops the core.
 */
export function createDispatch(deps: {
  handlers: ReturnType<typeof combineHandlers>;
  sessions: Sessions;
  requestLog: RequestLog;
  unitOfWork: UnitOfWork;
  refusals: Refusals;
  audienceOf: (session: Session) => Audience;
  clock: () => number;
  logger: Logger;
}) {
  const { refusals, logger } = deps;

  /** The request as the core will run it, or the refusal of it. */
  function accept(session: Session, raw: unknown): Accepted | ResponseMessage {
    const refuse = (code: Parameters<Refusals['refuse']>[2], params: Record<string, string | number> = {}) =>
      refusals.refuse(requestIdOf(raw), session.locale, code, params);
    if (nestsDeeperThan(raw)) return refuse('tooComplex');
    const envelope = RequestMessageSchema.safeParse(raw);
    if (!envelope.success) {
      logger.warn('request.refused', { reason: 'badMessage', role: session.role, sample: sampleOf(raw) });
      return refuse('badMessage');
    }
    const { id, name, args, input, requestId } = envelope.data;
    if (!isQuery(name) && !isCommand(name)) {
      logger.warn('request.refused', { reason: 'unknownRequest', name: name.slice(0, 64), role: session.role });
      return refuse('unknownRequest', { name: name.slice(0, 64) });
    }
    if (!(windowInputKinds as readonly string[]).includes(input)) {
      logger.warn('request.refused', { reason: 'inputNotAllowed', name, input, role: session.role });
      return refuse('inputNotAllowed', { input });
    }
    if (isCommand(name) && session.audience === 'public') {
      logger.warn('request.refused', { reason: 'readOnly', name, role: session.role });
      return refuse('readOnly');
    }
    if (deps.audienceOf(session) === 'public' && !mayAskWhilePresenting(session, name)) {
      logger.warn('request.refused', { reason: 'presentationOnly', name, role: session.role });
      return refuse('presentationOnly');
    }
    const parsed = (argsSchemaOf(name) as z.ZodType).safeParse(args ?? {});
    if (!parsed.success) {
      const fields = refusals.fieldErrors(parsed.error, session.locale);
      logger.warn('request.refused', { reason: 'invalidArgs', name, fields });
      return refusals.refuse(id, session.locale, 'invalidArgs', { details: fields.map((field) => field.message).join('；') }, fields);
    }
    return { id, name, args: parsed.data, input, requestId };
  }

  function contextFor(session: Session, input: InputKind, actor: Actor | null): RequestContext {
    return {
      session,
      input,
      audience: deps.audienceOf(session),
      get actor() {
        return actor ?? deps.sessions.actorFor(session, input);
      },
    };
  }

  /** A write: its actor first, then the remembered answer to a retry, else the write and its answer in one transaction. */
  async function write(session: Session, request: Accepted): Promise<unknown> {
    const handler = deps.handlers.handlerOf(request.name);
    if (!deps.handlers.needsSignIn(request.name)) return handler(request.args as never, contextFor(session, request.input, null));
    const actor = deps.sessions.actorFor(session, request.input);
    return deps.unitOfWork.run(() => {
      const value = handler(request.args as never, contextFor(session, request.input, actor));
      if (value instanceof Promise) throw new Error(`${request.name}: a write that needs a signed-in operator must finish inside its transaction`);
      if (request.requestId) deps.requestLog.remember(actor.id, request.requestId, request.name, deps.clock(), { id: 0, ok: true, value });
      return value;
    });
  }

  /** The first answer to this write, when the window sent it before (same operator, same request id). */
  function replayed(session: Session, request: Accepted): ResponseMessage | null {
    if (!request.requestId || !isCommand(request.name) || !deps.handlers.needsSignIn(request.name)) return null;
    const operator = deps.sessions.operatorAt(session);
    const first = operator ? deps.requestLog.find(operator.id, request.requestId) : null;
    return first ? { ...first, id: request.id } : null;
  }

  function failure(session: Session, request: Accepted, error: unknown): ResponseMessage {
    if (error instanceof CoreError) {
      logger.warn('request.refused', { reason: error.code, name: request.name, params: error.params });
      const refusal = refusals.refuse(request.id, session.locale, error.code, error.params, error.fields);
      // A refused write's retry gets the same refusal (nothing was written either time).
      const operator = request.requestId && isCommand(request.name) ? deps.sessions.operatorAt(session) : null;
      if (operator) deps.requestLog.remember(operator.id, request.requestId!, request.name, deps.clock(), refusal);
      return refusal;
    }
    if (error instanceof ZodError) return refusals.refuse(request.id, session.locale, 'invalidArgs', { details: '' }, refusals.fieldErrors(error, session.locale));
    logger.error('request.failed', { name: request.name, error: error instanceof Error ? error.stack : String(error) });
    return refusals.refuse(request.id, session.locale, 'internal');
  }

  return {
    async handle(session: Session, raw: unknown): Promise<ResponseMessage> {
      const request = accept(session, raw);
      if ('ok' in request) return request;
      try {
        const first = replayed(session, request);
        if (first) return first;
        const value = isCommand(request.name)
          ? await write(session, request)
          : await deps.handlers.handlerOf(request.name)(request.args as never, contextFor(session, request.input, null));
        return { id: request.id, ok: true, value };
      } catch (error) {
        return failure(session, request, error);
      }
    },
  };
}

/**
 * A window that shows the presentation may ask only for the presentation
 * (an allow-list); an operator's wall window may also sign in and out and
 * steer the wall and the tour, so the hotkey that entered presentation
 * leaves it from the same window.
 */
function mayAskWhilePresenting(session: Session, name: RequestName): boolean {
  if ((presentationRequests as readonly string[]).includes(name)) return true;
  return session.audience === 'operator' && (presentingConsoleRequests as readonly string[]).includes(name);
}

function sampleOf(raw: unknown): string {
  try {
    return String(JSON.stringify(raw)).slice(0, 200);
  } catch {
    return typeof raw;
  }
}
