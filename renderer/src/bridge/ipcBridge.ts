import type { ArgsOf, RequestName, ResultOf } from '../../../shared/contract/contract';
import type { PreloadApi } from '../../../shared/contract/bridgeApi';
import type { CoreStatus, EventMessage, ResponseMessage, WindowInputKind } from '../../../shared/contract/messages';
import { linkStateForCoreStatus, refusal, requestTimeoutMs, resultOf, sameLinkState, type CoreBridge, type LinkState, type Translate } from './bridge';
import { PendingRequests, type PendingRequest } from './pendingRequests';

/**
 * The Electron bridge: the preload's named functions, same contract as the
 * socket. IPC to the main process does not drop, but the core behind it can
 * stop and be restarted by the shell: then requests wait for it (within
 * their time) and go again with the same request id, as on the browser wall.
 */
class IpcBridge implements CoreBridge {
  private readonly pending: PendingRequests;
  private readonly stateListeners = new Set<(state: LinkState) => void>();
  private state: LinkState = { kind: 'open' };

  constructor(
    private readonly api: PreloadApi,
    private readonly translate: Translate,
    timeoutMs: number,
  ) {
    this.pending = new PendingRequests(translate, timeoutMs);
    api.onCoreStatus((status) => this.coreStatusChanged(status));
  }

  request<N extends RequestName>(name: N, args: ArgsOf<N>, input: WindowInputKind = 'mouse'): Promise<ResultOf<N>> {
    const { request, answer } = this.pending.open(name, args, input);
    if (this.state.kind === 'coreFailed') this.pending.settle(request.id, refusal(request.id, 'unavailable', this.translate('bridge.coreFailed')));
    else this.send(request);
    return answer.then((response) => resultOf(name, response));
  }

  onEvent(listener: (message: EventMessage) => void) {
    return this.api.onEvent(listener);
  }

  onLinkState(listener: (state: LinkState) => void) {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => void this.stateListeners.delete(listener);
  }

  private coreStatusChanged(status: CoreStatus) {
    const next = linkStateForCoreStatus(status);
    if (!sameLinkState(this.state, next)) {
      this.state = next;
      for (const listener of this.stateListeners) listener(next);
    }
    if (next.kind === 'open') for (const request of this.pending.waiting()) this.send(request);
    if (next.kind === 'coreFailed') this.pending.refuseWaiting(this.translate('bridge.coreFailed'));
  }

  private send(request: PendingRequest) {
    if (this.state.kind !== 'open') return;
    this.pending.sent(request, 'ipc');
    const call = this.api.requests[request.name] as (args: unknown, input: WindowInputKind, requestId: string) => Promise<ResponseMessage>;
    call(request.args, request.input, request.requestId).then(
      (response) => this.pending.answered({ ...response, id: request.id }),
      // The shell's handler itself failed (never a refusal: those come back as answers).
      (error: unknown) => {
        console.error('request failed in the shell', request.name, error);
        this.pending.settle(request.id, refusal(request.id, 'internal', this.translate('errors.internal')));
      },
    );
  }
}

export function createIpcBridge(api: PreloadApi, translate: Translate, timeoutMs = requestTimeoutMs): CoreBridge {
  return new IpcBridge(api, translate, timeoutMs);
}
