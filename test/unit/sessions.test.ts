import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignedIn, SignInLockout } from '../../shared/contract/contract';
import type { ResponseMessage } from '../../shared/contract/messages';
import { createCore, type Session } from '../../electron/core/core';
import { lockAfterFailures, lockoutMs } from '../../electron/core/signInThrottle';
import { percentile } from '../../scripts/bench/stats';
import { director, fixedNow, operator, resourcesDir, smallDemo, startTestCore, tempDir } from '../support/testCore';

/**
 * Sessions that end: a sign-in lasts a shift, sign-out revokes it
 * everywhere, and PIN guessing is throttled without slowing other windows.
 */
type TestCore = ReturnType<typeof startTestCore>;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const hour = 3_600_000;
let windows = 0;
const newWindow = (locale: Session['locale'] = 'zh-CN'): Session => ({ connectionId: `window-${++windows}`, role: 'queue', audience: 'operator', locale });

async function start(signInHours = 12) {
  const test = startTestCore({ signInHours });
  cleanups.push(() => test.close());
  await test.ready;
  return test;
}

function value<T>(response: ResponseMessage): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.value as T;
}

const signIn = (test: TestCore, window: Session, operatorId = 'op02', pin = '222222') => test.request('session.signIn', { operatorId, pin }, window, 'keyboard');
const write = (test: TestCore, window: Session) => test.request('case.create', { description: '共和新路垃圾满溢', categoryCode: '20101', sourceId: 'street' }, window, 'keyboard');

describe('a sign-in lasts one shift', () => {
  it('ends by itself after the configured shift, with a message that says so, and its token no longer resumes', async () => {
    const test = await start(8);
    const window = newWindow();
    const signedIn = value<SignedIn>(await signIn(test, window));
    expect(signedIn.expiresAt).toBe(fixedNow + 8 * hour);
    expect((await write(test, window)).ok).toBe(true);

    test.advance(8 * hour);
    expect(await write(test, window)).toMatchObject({ ok: false, error: { code: 'sessionExpired', message: expect.stringContaining('8 小时') } });
    expect(await test.request('session.signIn', { token: signedIn.token }, newWindow('en'))).toMatchObject({
      ok: false,
      error: { code: 'sessionExpired', message: expect.stringContaining('8 h') },
    });
    expect(value<{ operator: unknown }>(await test.request('session.hello', {}, window)).operator).toBeNull();
  });

  it('is revoked by sign-out at every window that resumed it', async () => {
    const test = await start();
    const first = newWindow();
    const { token } = value<SignedIn>(await signIn(test, first));
    const resumed = newWindow();
    expect(value<SignedIn>(await test.request('session.signIn', { token }, resumed)).operator.id).toBe('op02');

    expect((await test.request('session.signOut', {}, first)).ok).toBe(true);
    expect(await write(test, resumed)).toMatchObject({ ok: false, error: { code: 'notSignedIn' } });
    expect(await test.request('session.signIn', { token }, newWindow())).toMatchObject({ ok: false, error: { code: 'sessionRevoked', message: expect.stringMatching(/签出/) } });
  });

  it('resumes with its token on a core restarted over the same database', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const options = { dbPath: join(dir.path, 'restart.db'), resourcesDir, demo: smallDemo, clock: () => fixedNow };
    const before = createCore(options);
    const window = newWindow();
    const signedIn = value<SignedIn>(await before.handle(window, { id: 1, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } }));
    before.close();

    const after = createCore(options);
    cleanups.push(() => after.close());
    const resumed = value<SignedIn>(await after.handle(newWindow(), { id: 2, name: 'session.signIn', args: { token: signedIn.token } }));
    expect(resumed).toMatchObject({ operator: { id: 'op01' }, expiresAt: signedIn.expiresAt });
  });
});

describe('PIN guessing is throttled', () => {
  it('makes a window wait longer after each wrong PIN beyond the first few', async () => {
    const test = await start();
    const window = newWindow();
    const answers = [];
    for (let attempt = 0; attempt < 4; attempt++) answers.push(await signIn(test, window, 'op02', '000000'));
    expect(answers.slice(0, 3).map((answer) => !answer.ok && answer.error.code)).toEqual(['signInFailed', 'signInFailed', 'signInFailed']);
    expect(answers[3]).toMatchObject({ ok: false, error: { code: 'signInThrottled', message: expect.stringMatching(/\d+ 秒后再试/) } });
    // Even the right PIN waits its turn; after the wait it is checked again.
    expect(await signIn(test, window)).toMatchObject({ ok: false, error: { code: 'signInThrottled' } });
    test.advance(1_000);
    expect((await signIn(test, window)).ok).toBe(true);
  });

  it('locks an operator after repeated wrong PINs from any window until the duty director clears it', async () => {
    const test = await start();
    for (let attempt = 0; attempt < lockAfterFailures; attempt++) await signIn(test, newWindow(), 'op03', '000000');
    const locked = await signIn(test, newWindow(), 'op03', '333333');
    expect(locked).toMatchObject({ ok: false, error: { code: 'signInLocked', message: expect.stringMatching(/周婷.*锁定至 \d\d:\d\d.*值班主任/) } });
    expect(value<SignInLockout[]>(await test.request('operators.lockouts', {}))).toEqual([
      { operatorId: 'op03', operatorName: '周婷', until: fixedNow + lockoutMs, failures: lockAfterFailures },
    ]);

    expect(await test.request('session.clearLockout', { operatorId: 'op03' }, operator)).toMatchObject({ ok: false, error: { code: 'directorOnly' } });
    expect((await test.request('session.clearLockout', { operatorId: 'op03' }, director)).ok).toBe(true);
    expect(value<SignInLockout[]>(await test.request('operators.lockouts', {}))).toEqual([]);
    expect((await signIn(test, newWindow(), 'op03', '333333')).ok).toBe(true);
  });

  it('ends a lock by itself after its time', async () => {
    const test = await start();
    for (let attempt = 0; attempt < lockAfterFailures; attempt++) await signIn(test, newWindow(), 'op03', '000000');
    test.advance(lockoutMs);
    expect((await signIn(test, newWindow(), 'op03', '333333')).ok).toBe(true);
  });

  it('answers a guessing loop from one window before hashing anything', async () => {
    const test = await start();
    const guesser = newWindow();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, index) => signIn(test, guesser, 'op02', String(100_000 + index))));
    const hashed = answers.filter((answer) => !answer.ok && answer.error.code === 'signInFailed').length;
    expect(hashed).toBeLessThanOrEqual(3);
    // Beyond the window's cap on requests in flight the core does not even queue them ("busy").
    expect(new Set(answers.map((answer) => !answer.ok && answer.error.code))).toEqual(new Set(['signInFailed', 'signInThrottled', 'busy']));
  });

  it('keeps other windows responsive while PINs are hashed, because hashing never runs on the core thread', { timeout: 60_000 }, async () => {
    const test = await start();
    const reader = newWindow();
    const item = value<{ id: number }>(await write(test, operator));
    const read = async () => {
      const started = performance.now();
      expect((await test.request('case.get', { caseId: item.id }, reader)).ok).toBe(true);
      return performance.now() - started;
    };
    const quiet: number[] = [];
    for (let sample = 0; sample < 100; sample++) quiet.push(await read());

    // The worst case for the core: every guess from a fresh window for a fresh name, so every one is hashed.
    let guessing = true;
    const guesses = Promise.all(Array.from({ length: 60 }, (_, index) => signIn(test, newWindow(), `guess${index}`, '123456'))).finally(() => (guessing = false));
    const busy: number[] = [];
    while (guessing) busy.push(await read());
    const answers = await guesses;

    const quietP95 = percentile(quiet, 95);
    const busyP95 = percentile(busy, 95);
    console.log(`PIN hashing: ${answers.length} guesses hashed while ${busy.length} reads ran; case.get p95 ${quietP95.toFixed(2)} ms quiet, ${busyP95.toFixed(2)} ms during`);
    expect(answers.every((answer) => !answer.ok && answer.error.code === 'signInFailed')).toBe(true);
    expect(busy.length).toBeGreaterThan(20);
    expect(busyP95).toBeLessThan(Math.max(quietP95 * 5, quietP95 + 50));
  });
});

describe('new PINs', () => {
  it('are refused in a room’s operators.json when shorter than six digits, naming the file and the field', () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const room = join(dir.path, 'room');
    cpSync(join(resourcesDir, 'demo'), room, { recursive: true });
    const operators = JSON.parse(readFileSync(join(room, 'operators.json'), 'utf8')) as { pin: string }[];
    operators[1]!.pin = '1234';
    writeFileSync(join(room, 'operators.json'), JSON.stringify(operators));
    expect(() => createCore({ dbPath: join(dir.path, 'room.db'), resourcesDir, referenceDir: room, demo: null })).toThrow(/operators\.json.*1\.pin.*6–12/s);
  });
});
