import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlatformLogger } from '../../electron/platform/logger';
import { startPlatform, type Platform } from '../../electron/platform/platform';
import { readPlatformReference } from '../../electron/platform/reference';
import { readPlatformCredentials } from '../../electron/host/platformCredentials';
import type { PlatformCredentials } from '../../shared/sync/protocol';
import { resourcesDir } from './testCore';

export const demoReference = () => readPlatformReference(join(resourcesDir, 'demo'));

/** A district platform on loopback for a test: embedded PGlite in a temp folder, or the PostgreSQL server given. */
export async function startTestPlatform(options: { databaseUrl?: string; dataDir?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gridwall-platform-'));
  const logs: Record<string, unknown>[] = [];
  const platform: Platform = await startPlatform({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: options.dataDir ?? join(dir, 'data') }),
    credentialsDir: join(dir, 'credentials'),
    reference: demoReference(),
    port: 0,
    logger: createPlatformLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
  });
  return {
    platform,
    logs,
    dir,
    /** A sub-centre's credentials, optionally reaching the platform through another address (a fault proxy). */
    credentials(subCentreId: string, url?: string): PlatformCredentials {
      return readPlatformCredentials(platform.credentialsFile(subCentreId), url);
    },
    district: () => readPlatformCredentials(join(dir, 'credentials', 'district.json')),
    intakeKey: () => readPlatformCredentials(join(dir, 'credentials', 'intake.json')).secret,
    async close() {
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;

/** Debian's PostgreSQL binaries (initdb, pg_ctl), or null where the server is not installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a)).find((candidate) => existsSync(join(root, candidate, 'bin', 'initdb')));
  return version ? join(root, version, 'bin') : null;
}

export const noPostgresReason = "Debian's PostgreSQL server is not installed (apt-get install postgresql; .ci/run does it): the real-server tests are skipped";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A throwaway PostgreSQL cluster on loopback in a temp folder (initdb +
 * pg_ctl, no root needed; as root it runs as the postgres user, which
 * PostgreSQL requires). Stopped with `-m immediate` and deleted after.
 */
export async function startPostgresCluster(): Promise<{ url: string; stop(): void }> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(noPostgresReason);
  const dir = mkdtempSync(join(tmpdir(), 'gridwall-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, command), args, { stdio: 'pipe' });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  run('initdb', ['-D', join(dir, 'data'), '-U', 'gridwall', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  run('pg_ctl', ['-D', join(dir, 'data'), '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`, 'start']);
  return {
    url: `postgres://gridwall@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
