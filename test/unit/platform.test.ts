import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../electron/platform/platform';
import { FolderLockedError } from '../../electron/platform/storage/folderLock';
import { createPlatformLogger } from '../../electron/platform/logger';
import { action, platformClient, wallCase } from '../support/platformClient';
import { demoReference, noPostgresReason, postgresBinDir, startPostgresCluster, startTestPlatform, type TestPlatform } from '../support/platformHarness';

/**
 * The district platform's protocol, through HTTP exactly as walls, the
 * district and intake channels call it — against embedded PGlite and, where
 * Debian's PostgreSQL is installed (CI installs it), a real server.
 */
const backends: { name: string; available: boolean; start: () => Promise<{ platform: TestPlatform; stop(): void }> }[] = [
  { name: 'PGlite', available: true, start: async () => ({ platform: await startTestPlatform(), stop() {} }) },
  {
    name: 'PostgreSQL',
    // CI installs PostgreSQL (.ci/run): there a missing server fails the run instead of skipping.
    available: postgresBinDir() !== null || process.env.CI === 'true',
    start: async () => {
      const cluster = await startPostgresCluster();
      return { platform: await startTestPlatform({ databaseUrl: cluster.url }), stop: () => cluster.stop() };
    },
  },
];

for (const backend of backends) {
  if (!backend.available) console.warn(`platform tests on ${backend.name} skipped: ${noPostgresReason}`);
  describe.skipIf(!backend.available)(`the district platform on ${backend.name}${backend.available ? '' : ` (skipped: ${noPostgresReason})`}`, () => {
    let running: Awaited<ReturnType<(typeof backend)['start']>>;
    let api: ReturnType<typeof platformClient>;
    beforeAll(async () => {
      running = await backend.start();
      api = platformClient(running.platform);
    }, 60_000);
    afterAll(async () => {
      await running?.platform.close();
      running?.stop();
    });

    it('applies each client sequence once, answers a repeat with its first answer, and refuses a gap with the sequence it expects', async () => {
      const client = `${backend.name}-once-1`;
      const first = await api.upload('SD02', client, [action(1, wallCase(client, 1)), action(2, wallCase(client, 2))]);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ lastSeq: 2, results: [{ clientSeq: 1, outcome: 'applied' }, { clientSeq: 2, outcome: 'applied' }] });
      const again = await api.upload('SD02', client, [action(1, wallCase(client, 1)), action(2, wallCase(client, 2)), action(3, wallCase(client, 3))]);
      expect((again.body.results as unknown[]).slice(0, 2)).toEqual((first.body.results as unknown[]).slice(0, 2));
      expect(again.body).toMatchObject({ lastSeq: 3 });
      const gap = await api.upload('SD02', client, [action(9, wallCase(client, 9))]);
      expect(gap).toMatchObject({ status: 409, body: { error: 'gap', expectedSeq: 4 } });
      const [count] = await running.platform.platform.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM cases WHERE ref LIKE ${`w.${client}.%`}`;
      expect(count!.n).toBe(3);
    });

    it('rejects an action on a case closed at the district, advances the sequence, and sends the district\'s version back', async () => {
      const client = `${backend.name}-closed-1`;
      const item = wallCase(client, 1);
      await api.upload('SD02', client, [action(1, item)]);
      expect((await api.call(`/district/v1/cases/${item.ref}/close`, { body: { note: '区里已结案' }, auth: api.district() })).status).toBe(200);
      const late = await api.upload('SD02', client, [action(2, { ...item, status: 'verifying' }, 'case.verify'), action(3, wallCase(client, 2))]);
      expect(late.body).toMatchObject({ lastSeq: 3, results: [{ clientSeq: 2, outcome: 'rejected', reason: 'closedAtDistrict' }, { clientSeq: 3, outcome: 'applied' }] });
      const changeNo = (late.body.results as { changeNo: number }[])[0]!.changeNo;
      const pulled = await api.changes('SD02', `after=${changeNo - 1}&epoch=`);
      expect(pulled.body).toMatchObject({ type: 'reset' });
      const epoch = (pulled.body as unknown as { epoch: string }).epoch;
      const changes = await api.changes('SD02', `after=${changeNo - 1}&epoch=${epoch}`);
      expect((changes.body.changes as { changeNo: number; case: { status: string }; note: string }[])[0]).toMatchObject({ changeNo, case: { status: 'closed' }, note: 'closedAtDistrict' });
    });

    it('refuses malformed, hostile and unauthorised uploads with a logged reason, and writes nothing', async () => {
      const client = `${backend.name}-bad-1`;
      const good = action(1, wallCase(client, 1));
      const cases = [
        { body: { protocol: 1, clientId: client, actions: [{ ...good, extra: 1 }] }, status: 400 },
        { body: { protocol: 1, clientId: client, actions: [{ ...good, clientSeq: '1' }] }, status: 400 },
        { body: { protocol: 1, clientId: client, actions: [{ ...good, case: { ...good.case, description: '<script>alert(1)</script>' } }] }, status: 400 },
        { body: { protocol: 1, clientId: client, actions: [good, { ...good, clientSeq: 3 }] }, status: 400 },
        { body: { protocol: 2, clientId: client, actions: [good] }, status: 400 },
      ];
      for (const bad of cases) expect((await api.call('/sync/v1/upload', { body: bad.body, auth: api.auth('SD02') })).status).toBe(bad.status);
      expect((await api.call('/sync/v1/upload', { raw: '{"protocol":1,', auth: api.auth('SD02') })).status).toBe(400);
      expect((await api.call('/sync/v1/upload', { raw: 'x'.repeat(9 * 1024 * 1024), auth: api.auth('SD02') })).status).toBe(413);
      expect((await api.call('/sync/v1/upload', { body: { protocol: 1, clientId: client, actions: [good] }, auth: 'Bearer SD02.wrongwrongwrongwrongwrong' })).status).toBe(401);
      expect((await api.call('/sync/v1/upload', { body: { protocol: 1, clientId: client, actions: [good] }, auth: api.district() })).status).toBe(403);
      const [count] = await running.platform.platform.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM clients WHERE client_id = ${client}`;
      expect(count!.n).toBe(0);
      expect(running.platform.logs.filter((line) => line.event === 'request.refused').length).toBeGreaterThanOrEqual(cases.length + 4);
      // The same client id used by another sub-centre, and another client's case.
      await api.upload('SD02', client, [good]);
      expect((await api.upload('SD03', client, [action(2, wallCase(client, 2))])).status).toBe(403);
      const other = await api.upload('SD02', `${backend.name}-bad-2`, [action(1, wallCase(client, 5))]);
      expect(other.body).toMatchObject({ results: [{ outcome: 'rejected', reason: 'unknownCase' }] });
    });

    it('answers a cursor ahead of the platform or of another epoch with "reset", and a malformed one with 400', async () => {
      const head = await api.changes('SD05', 'after=0&epoch=');
      const epoch = (head.body as unknown as { epoch: string }).epoch;
      expect((await api.changes('SD05', `after=999999999&epoch=${epoch}`)).body).toEqual({ type: 'reset', epoch });
      expect((await api.changes('SD05', 'after=0&epoch=another-epoch-123')).body).toEqual({ type: 'reset', epoch });
      expect((await api.changes('SD05', 'after=-1')).status).toBe(400);
      expect((await api.changes('SD05', 'after=1&limit=5000')).status).toBe(400);
      expect((await api.changes('SD05', 'after=0&unknown=1')).status).toBe(400);
    });

    it('transfers a case reported in the wrong sub-district: the old sub-centre hears it left, the new one receives it, a late action is rejected', async () => {
      const client = `${backend.name}-transfer-1`;
      const item = wallCase(client, 1);
      await api.upload('SD02', client, [action(1, item)]);
      const before = await api.changes('SD04', 'after=0&epoch=');
      const since = (before.body as unknown as { last: number }).last;
      const epoch = (before.body as unknown as { epoch: string }).epoch;
      expect((await api.call(`/district/v1/cases/${item.ref}/transfer`, { body: { subCentreId: 'SD04', note: '位于芷江西路' }, auth: api.district() })).status).toBe(200);
      const arrived = await api.changes('SD04', `after=${since}&epoch=${epoch}`);
      expect(arrived.body.changes).toEqual([expect.objectContaining({ kind: 'upsert', case: expect.objectContaining({ ref: item.ref }) })]);
      const late = await api.upload('SD02', client, [action(2, { ...item, status: 'verifying' }, 'case.verify')]);
      expect(late.body).toMatchObject({ results: [{ outcome: 'rejected', reason: 'transferredAway' }] });
      const left = await api.changes('SD02', `after=${(late.body.results as { changeNo: number }[])[0]!.changeNo - 1}&epoch=${epoch}`);
      expect(left.body.changes).toEqual([expect.objectContaining({ kind: 'removed', note: 'transferredAway' })]);
      expect((await api.call(`/district/v1/cases/${item.ref}/transfer`, { body: { subCentreId: 'NOPE' }, auth: api.district() })).status).toBe(409);
    });

    it('takes Open311 requests onto the taxonomy, one case per source request id, and shows no personal text without the key', async () => {
      const services = await api.call('/open311/v2/services.json');
      expect(services.body.length).toBe(187);
      const form = (extra: Record<string, string>) =>
        new URLSearchParams({ api_key: running.platform.intakeKey(), service_code: '20101', lat: '31.2425', long: '121.4624', description: '楼下垃圾三天没人收，王阿姨 13911112222', first_name: '阿姨', last_name: '王', ...extra }).toString();
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const first = await api.call('/open311/v2/requests.json', { raw: form({ source_request_id: `${backend.name}-app-77` }), headers });
      const second = await api.call('/open311/v2/requests.json', { raw: form({ source_request_id: `${backend.name}-app-77` }), headers });
      expect([first.status, second.status]).toEqual([201, 200]);
      const ref = (first.body[0] as { service_request_id: string }).service_request_id;
      expect((second.body[0] as { service_request_id: string }).service_request_id).toBe(ref);
      const publicRead = await api.call(`/open311/v2/requests/${ref}.json`);
      expect(publicRead.body[0]).toMatchObject({ service_request_id: ref, status: 'open', service_code: '20101', description: '', address: '' });
      expect(JSON.stringify(publicRead.body)).not.toContain('1391111');
      expect((await api.call('/open311/v2/requests.json', { raw: form({ api_key: 'x'.repeat(30) }), headers })).status).toBe(403);
      expect((await api.call('/open311/v2/requests.json', { raw: form({ lat: '40.0', long: '116.4' }), headers })).status).toBe(400);
      expect((await api.call('/open311/v2/requests.json', { raw: form({ description: '<img src=x onerror=alert(1)>' }), headers })).status).toBe(400);
    });

    it('never lets a reader skip a change, however many writers commit at once', async () => {
      let cursor = (await api.changes('SD06', 'after=0&epoch=')).body as unknown as { epoch: string; last: number };
      const epoch = cursor.epoch;
      const seen = new Set<number>();
      const writers = Array.from({ length: 40 }, (_, index) =>
        api.call('/intake/v1/hotline', { body: { tickets: [{ ticketId: `${backend.name}-race-${index}`, receivedAt: Date.now(), categoryCode: '20101', content: '大宁路街道垃圾堆放', lngLat: [121.4497, 31.2877] }] }, auth: api.intake() }),
      );
      let last = cursor.last;
      const reading = (async () => {
        for (let round = 0; round < 200 && seen.size < 40; round++) {
          const page = (await api.changes('SD06', `after=${last}&epoch=${epoch}`)).body as unknown as { last: number; changes: { changeNo: number }[] };
          for (const change of page.changes) seen.add(change.changeNo);
          last = page.last;
        }
      })();
      await Promise.all(writers);
      await reading;
      const all = (await api.changes('SD06', `after=${cursor.last}&epoch=${epoch}`)).body as unknown as { changes: { changeNo: number }[] };
      expect([...seen].sort((a, b) => a - b)).toEqual(all.changes.map((change) => change.changeNo));
      expect(seen.size).toBe(40);
      cursor = { epoch, last };
    });

    if (backend.name === 'PGlite') {
      it('locks its data folder: a second platform on the same folder is refused', async () => {
        const dataDir = `${running.platform.dir}/data`;
        await expect(
          startPlatform({ dataDir, credentialsDir: `${running.platform.dir}/other`, reference: demoReference(), port: 0, logger: createPlatformLogger(() => {}) }),
        ).rejects.toBeInstanceOf(FolderLockedError);
      });
    }
  });
}
