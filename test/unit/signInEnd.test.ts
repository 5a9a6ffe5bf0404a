import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { ArgsOf, OperatorInfo, RequestName, ResultOf } from '../../shared/contract/contract';
import { ContractRequestError, type ErrorCode, type WindowInputKind } from '../../shared/contract/messages';
import { createI18n } from '../../shared/i18n/index';
import type { CoreBridge } from '../../renderer/src/bridge/bridge';
import { rememberedSignIn, rememberSignIn, resumeSignIn, watchSignIn } from '../../renderer/src/state/signIn';
import { createWallStore } from '../../renderer/src/state/wallStore';

const zh = createI18n('zh-CN');
const translate = (key: string, values?: Record<string, unknown>) => zh.t(key, values);
const liu: OperatorInfo = { id: 'op-liu', name: '刘敏', role: 'operator' };
const expired = '您的签入已满一个班次（8 小时）自动结束，请重新签入。';
const revoked = '您已在另一窗口签出，此签入已失效，请重新签入。';

/** A value to answer with, or a refusal. */
type Answer = unknown;
type Refusal = { refuse: ErrorCode; message: string };

/** A core that answers each request name from a queue of answers, and records what it was asked and how. */
function scriptedCore(script: Partial<Record<RequestName, Answer[]>>) {
  const asked: { name: RequestName; args: unknown; input: WindowInputKind | undefined }[] = [];
  const bridge: CoreBridge = {
    async request<N extends RequestName>(name: N, args: ArgsOf<N>, input?: WindowInputKind): Promise<ResultOf<N>> {
      asked.push({ name, args, input });
      const answer = script[name]?.shift();
      if (answer && typeof answer === 'object' && 'refuse' in answer) {
        const { refuse, message } = answer as Refusal;
        throw new ContractRequestError(name, { code: refuse, message });
      }
      return answer as ResultOf<N>;
    },
    onEvent: () => () => undefined,
    onLinkState: () => () => undefined,
  };
  return { bridge, asked };
}

/** A window where 刘敏 signed in: the store shows her, the token is remembered. */
function signedInWindow() {
  const store = createWallStore();
  store.getState().operatorChanged(liu);
  rememberSignIn('token-of-liu-0001');
  return store;
}

const refusalOf = (request: Promise<unknown>) => request.then(() => null, (error: ContractRequestError) => error.error);

beforeEach(() => {
  const storage = new Map<string, string>();
  vi.stubGlobal('window', {
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
      removeItem: (key: string) => void storage.delete(key),
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

test('a sign-in that expired after a shift: the window forgets it and asks again, saying why', async () => {
  const store = signedInWindow();
  const core = scriptedCore({ 'case.act': [{ refuse: 'sessionExpired', message: expired }] });
  const bridge = watchSignIn(core.bridge, store, translate);
  // The caller still hears the refusal (its form says so) ...
  expect(await refusalOf(bridge.request('case.act', { action: 'verify', caseId: 3 }, 'keyboard'))).toEqual({ code: 'sessionExpired', message: expired });
  // ... and the window shows nobody signed in, opens the sign-in dialog with the core's words, and keeps no token.
  expect(store.getState()).toMatchObject({ operator: null, signInPrompt: { message: expired } });
  expect(rememberedSignIn()).toBeNull();
  // Signing in again answers the prompt.
  store.getState().operatorChanged(liu);
  expect(store.getState().signInPrompt).toBeNull();
});

test('"not signed in" after a reconnect: the remembered token signs the window in again and the action goes through', async () => {
  const store = signedInWindow();
  const core = scriptedCore({
    'case.act': [{ refuse: 'notSignedIn', message: '请先签入操作员身份。' }, { id: 3, status: 'verifying' }],
    'session.signIn': [{ operator: liu, token: 'token-of-liu-0001', expiresAt: 0 }],
  });
  const bridge = watchSignIn(core.bridge, store, translate);
  expect(await bridge.request('case.act', { action: 'verify', caseId: 3 }, 'keyboard')).toEqual({ id: 3, status: 'verifying' });
  // Resumed with the token, as the operator's own keyboard act (a window may never claim 'system').
  expect(core.asked.map(({ name, input }) => [name, input])).toEqual([
    ['case.act', 'keyboard'],
    ['session.signIn', 'keyboard'],
    ['case.act', 'keyboard'],
  ]);
  expect(store.getState()).toMatchObject({ operator: liu, signInPrompt: null });
});

test('"not signed in" and the token was revoked meanwhile: the dialog opens with the reason', async () => {
  const store = signedInWindow();
  const core = scriptedCore({
    'video.place': [{ refuse: 'notSignedIn', message: '请先签入操作员身份。' }],
    'session.signIn': [{ refuse: 'sessionRevoked', message: revoked }],
  });
  const bridge = watchSignIn(core.bridge, store, translate);
  expect(await refusalOf(bridge.request('video.place', { screen: 3, cameraId: 'cam-1' }, 'mouse'))).toMatchObject({ code: 'notSignedIn' });
  expect(store.getState()).toMatchObject({ operator: null, signInPrompt: { message: revoked } });
  expect(rememberedSignIn()).toBeNull();
});

test('"not signed in" where nobody was signed in is only the refusal: no dialog springs open', async () => {
  const store = createWallStore();
  const core = scriptedCore({ 'command.run': [{ refuse: 'notSignedIn', message: '请先签入操作员身份。' }] });
  const bridge = watchSignIn(core.bridge, store, translate);
  expect(await refusalOf(bridge.request('command.run', { text: '派 this 城管' }, 'command'))).toMatchObject({ code: 'notSignedIn' });
  expect(store.getState().signInPrompt).toBeNull();
  expect(core.asked.map(({ name }) => name)).toEqual(['command.run']);
});

test('a core that is away while the sign-in resumes keeps the token for the next try', async () => {
  const store = signedInWindow();
  const core = scriptedCore({ 'session.signIn': [{ refuse: 'unavailable', message: '核心暂时不可用，请稍后重试。' }] });
  await expect(resumeSignIn(core.bridge, store, translate)).rejects.toThrow('核心暂时不可用');
  expect(rememberedSignIn()).toBe('token-of-liu-0001');
  expect(store.getState().signInPrompt).toBeNull();
});

test('a remembered token the core no longer knows ends the sign-in with the window\'s own words', async () => {
  const store = signedInWindow();
  const core = scriptedCore({ 'session.signIn': [{ refuse: 'signInFailed', message: '工号或密码不正确。' }] });
  expect(await resumeSignIn(core.bridge, store, translate)).toBe(false);
  expect(store.getState()).toMatchObject({ operator: null, signInPrompt: { message: '此窗口的签入已失效，请重新签入。' } });
  expect(rememberedSignIn()).toBeNull();
});
