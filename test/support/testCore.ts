import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type CoreOptions, type DemoOptions, type Session } from '../../electron/core/core';
import { createLogger } from '../../electron/core/runtime/logger';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const resourcesDir = join(repoRoot, 'resources');

/** A fixed instant (Thursday 26 Nov 2026, 10:00 Beijing time) so every run sees the same history. */
export const fixedNow = Date.UTC(2026, 10, 26, 2, 0, 0);

/** Signed in as operator op01 (王敏) in every test core. */
export const operator: Session = { connectionId: 'test-operator', role: 'queue', audience: 'operator', locale: 'zh-CN' };
/** Signed in as duty director dir01 (陈建国). */
export const director: Session = { connectionId: 'test-director', role: 'queue', audience: 'operator', locale: 'zh-CN' };
export const visitor: Session = { connectionId: 'test-visitor', role: 'video', audience: 'public', locale: 'zh-CN' };

/** A small, quiet demo: a few weeks of history and no live feed. */
export const smallDemo: DemoOptions = { seed: 7, historyDays: 20, historyPerDay: 40, feedRatePerMinute: 0 };

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'gridwall-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A real core on a temporary database file, with its log lines collected. */
export function startTestCore(overrides: Partial<CoreOptions> = {}) {
  const dir = tempDir();
  const logs: Record<string, unknown>[] = [];
  let now = fixedNow;
  const core = createCore({
    dbPath: join(dir.path, 'test.db'),
    resourcesDir,
    demo: smallDemo,
    clock: () => now,
    // Tests move the clock by days to reach deadlines; sign-ins that end with a shift have tests of their own.
    signInHours: 24 * 365,
    logger: createLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    ...overrides,
  });
  let nextId = 1;
  // Every test core starts with operator op01 and director dir01 signed in; requests wait for that.
  const signIn = () =>
    Promise.all([
      core.handle(operator, { id: 0, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } }),
      core.handle(director, { id: 0, name: 'session.signIn', args: { operatorId: 'dir01', pin: '999999' } }),
    ]);
  const ready = signIn();
  return {
    core,
    logs,
    dbPath: join(dir.path, 'test.db'),
    ready,
    /** Signs op01 and dir01 in again (after a test signed one of them out). */
    signInAgain: signIn,
    advance(ms: number) {
      now += ms;
    },
    /** A raw message through the core's boundary (after the test operators have signed in). */
    async handle(session: Session, raw: unknown) {
      await ready;
      return core.handle(session, raw);
    },
    /** Sends one request through the core's boundary, exactly as a window would. */
    async request(name: string, args: unknown, session: Session = operator, input = 'mouse', requestId?: string) {
      await ready;
      return core.handle(session, { id: nextId++, name, args, input, ...(requestId ? { requestId } : {}) });
    },
    close() {
      core.close();
      dir.remove();
    },
  };
}
