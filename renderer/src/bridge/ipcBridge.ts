import type { ArgsOf, RequestName, ResultOf } from '../../../shared/contract/contract';
import type { PreloadApi } from '../../../shared/contract/bridgeApi';
import type { InputKind, ResponseMessage } from '../../../shared/contract/messages';
import { resultOf, type CoreBridge } from './bridge';

/** The Electron bridge: the preload's named functions, same contract as the socket. */
export function createIpcBridge(api: PreloadApi): CoreBridge {
  return {
    async request<N extends RequestName>(name: N, args: ArgsOf<N>, input: InputKind = 'mouse'): Promise<ResultOf<N>> {
      const call = api.requests[name] as (args: ArgsOf<N>, input: InputKind) => Promise<ResponseMessage>;
      return resultOf(name, await call(args, input));
    },
    onEvent: (listener) => api.onEvent(listener),
    // IPC to the main process does not drop; the link is open for the window's lifetime.
    onLinkState(listener) {
      listener({ kind: 'open' });
      return () => {};
    },
  };
}
