import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPlatformLogger } from './logger';
import { startPlatform } from './platform';
import { readPlatformReference } from './reference';

/**
 * `npm run platform`: the reference district platform. Embedded PGlite in a
 * data folder by default; `--database postgres://…` for a real server.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const usage = `用法 / usage: npm run platform -- [options]
  --port <n>             port (default 5180; 0 picks a free one)
  --host <address>       address to listen on (default 127.0.0.1; 0.0.0.0 serves the district's network)
  --data <dir>           embedded database folder (default data/platform); locked while running
  --database <url>       a PostgreSQL server instead (postgres://user:pass@host:5432/db)
  --credentials <dir>    where each sub-centre's credentials file is written (default <data>/credentials)
  --reference <dir>      the district's district.json and categories.json (default: the demo's)
  --hotline-rate <n>     demo 12345 tickets per minute (default 2; 0 = off)
  --new-epoch            after restoring a backup: every wall resyncs instead of trusting its cursor
  --json                 print one JSON line when ready (for scripts and tests)`;

function readFlags() {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string', default: '5180' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: 'data/platform' },
        database: { type: 'string' },
        credentials: { type: 'string' },
        reference: { type: 'string' },
        'hotline-rate': { type: 'string', default: '2' },
        'new-epoch': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const port = Number(values.port);
    const rate = Number(values['hotline-rate']);
    if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isFinite(rate) || rate < 0) throw new Error('端口或热线速率无效 / invalid --port or --hotline-rate');
    if (values.database && !/^postgres(ql)?:\/\//.test(values.database)) throw new Error('--database 须为 postgres:// 地址 / --database must be a postgres:// URL');
    return { ...values, port, rate };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

async function main() {
  const flags = readFlags();
  const dataDir = resolve(flags.data);
  const platform = await startPlatform({
    ...(flags.database ? { databaseUrl: flags.database } : { dataDir }),
    credentialsDir: resolve(flags.credentials ?? resolve(dataDir, 'credentials')),
    reference: readPlatformReference(flags.reference ? resolve(flags.reference) : resolve(repoRoot, 'resources/demo')),
    port: flags.port,
    host: flags.host,
    demoHotlinePerMinute: flags.rate,
    newEpoch: flags['new-epoch'],
    openApiPath: resolve(repoRoot, 'docs/platform-openapi.yaml'),
    logger: createPlatformLogger(),
  });
  if (flags.json) {
    console.log(JSON.stringify({ ready: true, url: platform.url, port: platform.port, storage: platform.storage, credentials: Object.fromEntries(platform.subCentres.map((centre) => [centre.id, platform.credentialsFile(centre.id)])) }));
  } else {
    console.log(`\n区平台 / district platform — ${platform.url} (${platform.storage === 'pglite' ? `PGlite ${dataDir}` : 'PostgreSQL'})\n`);
    for (const centre of platform.subCentres) console.log(`  ${centre.name.zh} ${centre.id}  --platform-credentials ${platform.credentialsFile(centre.id)}`);
    console.log(`\n  Open311: ${platform.url}/open311/v2/services.json · OpenAPI: ${platform.url}/openapi.yaml`);
    console.log('按 Ctrl+C 停止。/ Press Ctrl+C to stop.');
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`无法启动区平台 / Could not start the district platform: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
