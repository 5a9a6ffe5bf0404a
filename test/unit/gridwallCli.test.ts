import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startTestCore } from '../support/testCore';

const run = promisify(execFile);

/** Runs `gridwall` as a script would, returning its exit status and JSON. */
async function gridwall(...args: string[]): Promise<{ code: number; json: Record<string, unknown> | null; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(repoRoot, 'bin/gridwall.mjs'), ...args], { cwd: repoRoot, timeout: 30_000 });
    return { code: 0, json: JSON.parse(stdout) as Record<string, unknown>, stderr };
  } catch (failure) {
    const error = failure as { code: number; stdout: string; stderr: string };
    return { code: error.code, json: error.stdout ? (JSON.parse(error.stdout) as Record<string, unknown>) : null, stderr: error.stderr };
  }
}

let test: ReturnType<typeof startTestCore>;
beforeAll(() => {
  test = startTestCore();
});
afterAll(() => test.close());

describe('gridwall parse', () => {
  it('prints the parse of a spoken order as JSON, with the fields the schema promises', async () => {
    const { code, json } = await gridwall('parse', '曲阜路地铁站2号口有一辆面包车违停，交警立即处理');
    expect(code).toBe(0);
    expect(json).toMatchObject({
      kind: 'newCase',
      caseRef: null,
      departments: [{ id: 'TRAFFIC', name: '交警中队' }],
      location: { place: { id: 'P001' }, exit: 2, gridId: expect.any(String) },
      category: { code: '20404', major: '街面秩序', minor: '机动车乱停放' },
      urgency: 'urgent',
      count: 1,
      ambiguities: [],
      error: null,
    });
    expect(json!.readBack).toContain('曲阜路');
  }, 40_000);

  it('says why a line cannot run, in the chosen language, with exit status 1; usage errors exit 2', async () => {
    const refused = await gridwall('parse', '--locale', 'en', 'return this');
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ kind: 'return', error: { code: 'missingReason', message: expect.stringContaining('reason') } });
    const usage = await gridwall('frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage');
  }, 40_000);

  it('reads the room data from a GridWall database', async () => {
    const { code, json } = await gridwall('parse', '--db', test.dbPath, 'send this to cg');
    expect(code).toBe(0);
    expect(json).toMatchObject({ kind: 'dispatch', caseRef: { kind: 'selected' }, departments: [{ id: 'CITYMGMT', matchedBy: 'alias' }] });
  }, 40_000);
});

describe('gridwall parse and case serials', () => {
  it('resolves a serial against a database on the room day given, as the command bar does', async () => {
    const { code, json } = await gridwall('parse', '--db', test.dbPath, '--today', '20261126', '派 0017 交警');
    expect(code).toBe(0);
    expect(json).toMatchObject({ kind: 'dispatch', caseRef: { kind: 'number', number: '20261126-0017', serial: 17, today: true }, error: null });
    expect(json!.readBack).toContain('20261126-0017');
  }, 40_000);

  it('refuses a serial that fits several recent days, listing them, with exit status 1', async () => {
    const { code, json } = await gridwall('parse', '--db', test.dbPath, '--today', '20261126', '--locale', 'en', 'supervise 39');
    expect(code).toBe(1);
    expect(json).toMatchObject({ caseRef: { kind: 'serial', serial: 39 }, error: { code: 'ambiguous' }, ambiguities: [{ field: 'case', chosen: null }] });
    expect((json!.ambiguities as { candidates: unknown[] }[])[0]!.candidates.length).toBeGreaterThan(1);
  }, 40_000);

  it('without a database leaves a serial as the parser read it; a day that is not a day is a usage error', async () => {
    const { code, json } = await gridwall('parse', '派 1042 cg');
    expect(code).toBe(0);
    expect(json).toMatchObject({ caseRef: { kind: 'serial', serial: 1042, text: '1042' }, count: null, departments: [{ id: 'CITYMGMT' }] });
    const usage = await gridwall('parse', '--today', '2026-11-26', '派 0017 交警');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('YYYYMMDD');
  }, 40_000);
});
