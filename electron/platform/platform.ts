import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareCredentials } from './auth';
import { createDistrictCases } from './districtCases';
import { Refusal, sendJson } from './http/io';
import { route } from './http/routes';
import { startDemoHotline } from './intake/hotline';
import { createIntake } from './intake/intake';
import { open311Routes } from './intake/open311';
import type { PlatformLogger } from './logger';
import type { PlatformReference } from './reference';
import { openStorage } from './storage/openStorage';
import { newEpoch } from './storage/schema';
import { createChangeNotifier } from './sync/notifier';

export interface PlatformOptions {
  /** PGlite data folder (embedded); ignored with `databaseUrl`. */
  dataDir?: string;
  /** A PostgreSQL server (postgres://…) instead of the embedded database. */
  databaseUrl?: string;
  /** Where each sub-centre's credentials file is written. */
  credentialsDir: string;
  reference: PlatformReference;
  port: number;
  host?: string;
  /** Demo 12345 tickets per minute (0: none). */
  demoHotlinePerMinute?: number;
  /** Start a new epoch (after restoring a backup): every wall resyncs. */
  newEpoch?: boolean;
  /** The OpenAPI document served at /openapi.yaml. */
  openApiPath?: string;
  logger: PlatformLogger;
  clock?: () => number;
}

/**
 * The district platform (区平台): storage, credentials, intake, the district's
 * own case operations and the sync protocol, behind one HTTP server on
 * loopback (or the address given). `close` stops everything it started.
 */
export async function startPlatform(options: PlatformOptions) {
  const clock = options.clock ?? Date.now;
  const { logger } = options;
  const storage = await openStorage({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), logger });
  const stopping = new AbortController();
  let server: Server | null = null;
  try {
    if (options.newEpoch) logger.warn('platform.newEpoch', { epoch: await newEpoch(storage.sql) });
    const notifier = createChangeNotifier();
    let deps: Parameters<typeof route>[0] | null = null;
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://platform');
      if (url.pathname === '/health') return sendJson(response, 200, { ok: true, storage: storage.kind });
      if (url.pathname === '/openapi.yaml' && options.openApiPath) return void response.writeHead(200, { 'content-type': 'application/yaml' }).end(readFileSync(options.openApiPath));
      if (!deps) return sendJson(response, 503, { error: 'starting' });
      route(deps, request, response, url).catch((error: unknown) => {
        const refusal = error instanceof Refusal ? error : null;
        if (refusal) logger.warn('request.refused', { path: url.pathname, status: refusal.status, reason: refusal.reason, details: refusal.details });
        else logger.error('request.failed', { path: url.pathname, error: error instanceof Error ? error.stack : String(error) });
        if (response.headersSent) return void response.destroy();
        sendJson(response, refusal?.status ?? 500, { error: refusal?.reason ?? 'internal', details: refusal?.details ?? null });
      });
    });
    server.requestTimeout = 60_000;
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port, options.host ?? '127.0.0.1', resolve);
    });
    const address = listening.address() as AddressInfo;
    const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
    const credentials = await prepareCredentials(storage.sql, options.reference.geography.subDistricts, options.credentialsDir, url);
    const intake = createIntake({ sql: storage.sql, notifier, reference: options.reference, subCentres: credentials.subCentres, clock });
    const district = createDistrictCases({ sql: storage.sql, notifier, subCentreIds: () => credentials.subCentres.map((centre) => centre.id), clock });
    const isIntakeKey = (key: string) => credentials.callerOf(`Bearer intake.${key}`)?.kind === 'intake';
    const open311 = open311Routes({ sql: storage.sql, intake, reference: options.reference, isIntakeKey, clock });
    deps = { sql: storage.sql, notifier, logger, intake, district, open311, callerOf: credentials.callerOf, clock, stopping: stopping.signal };
    const hotline = startDemoHotline(intake, options.reference, options.demoHotlinePerMinute ?? 0, clock(), (error) => logger.error('demo.hotline.failed', { error: String(error) }));
    logger.info('platform.started', { url, storage: storage.kind, subCentres: credentials.subCentres.length });
    return {
      url,
      port: address.port,
      storage: storage.kind,
      sql: storage.sql,
      subCentres: credentials.subCentres,
      intake,
      district,
      credentialsFile: (subCentreId: string) => join(options.credentialsDir, `${subCentreId}.json`),
      async close() {
        hotline.stop();
        stopping.abort();
        notifier.wakeAll();
        listening.closeAllConnections();
        await new Promise<void>((resolve) => listening.close(() => resolve()));
        await storage.close();
      },
    };
  } catch (error) {
    stopping.abort();
    if (server?.listening) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await storage.close();
    throw error;
  }
}
export type Platform = Awaited<ReturnType<typeof startPlatform>>;
