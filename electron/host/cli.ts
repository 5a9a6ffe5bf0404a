import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDemoOptions } from '../core/core';
import { demoReferenceDir, readCameras } from '../core/demo/seed';
import { createLogger, stderrSink } from '../core/runtime/logger';
import { startSupervisedCore } from '../core/runtime/supervisor';
import { startDemoCameras } from './media/demoCameras';
import { playlistKinds } from './media/liveHlsServer';
import { drawTokens } from './access';
import { startWebHost } from './webHost';
import { readCameraFile } from './cameraImport';
import { buildNetworkPolicy, cameraStreamUrls, readNetworkConfig } from './networkPolicy';
import { readPlatformCredentials } from './platformCredentials';

/**
 * `npm run wall`: the browser wall. Starts the core in a worker thread and
 * the web host on loopback, then prints one URL per window role.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const usage = `用法 / usage: npm run wall -- [options]
  --port <n>        port to listen on (default 5170; 0 picks a free one)
  --db <file>       database file (default data/gridwall-demo.db)
  --no-demo         do not load the embedded demo (the database must hold reference data)
  --reference <dir> load the room's own district, departments, categories and sources
                    (district.json, departments.json, categories.json, sources.json; see resources/demo)
                    and network.json (camera gateways, platform: what the pages may reach)
  --cameras <file> the room's camera list (CSV or JSON; bad rows are listed by row number and left out)
  --feed-rate <n>   demo cases per minute (default 2, 0 = off; env GRIDWALL_DEMO_RATE)
  --shift-hours <n> how long a sign-in lasts before the operator signs in again (default 12)
  --heartbeat-ms <n> keepalive period for window links (default 5000; a window silent for 3 is reconnected)
  --demo-streams <kind> how the demo cameras are offered: cmaf (fragmented MP4, blocking reload; default),
                    ts (MPEG-TS, polled) or ll (low-latency HLS with 0.2 s parts)
  --platform-credentials <file>  sync with the district platform (its credentials file for this sub-centre; docs/SYNC.md)
  --platform <url>  the platform's address as this room reaches it (default: the one in the credentials file)
  --lan             also accept other PCs of the room's LAN (default: this machine only)
  --json            print the URLs as one JSON line (for scripts and tests)`;

/** The command line, checked; exits with the usage on anything wrong. */
function readFlags() {
  let flags;
  try {
    flags = parseArgs({
      options: {
        port: { type: 'string', default: process.env.GRIDWALL_PORT ?? '5170' },
        db: { type: 'string', default: process.env.GRIDWALL_DB ?? 'data/gridwall-demo.db' },
        'no-demo': { type: 'boolean', default: false },
        reference: { type: 'string' },
        cameras: { type: 'string' },
        'feed-rate': { type: 'string', default: process.env.GRIDWALL_DEMO_RATE ?? String(defaultDemoOptions.feedRatePerMinute) },
        'shift-hours': { type: 'string', default: '12' },
        'heartbeat-ms': { type: 'string', default: '5000' },
        'demo-streams': { type: 'string', default: 'cmaf' },
        lan: { type: 'boolean', default: false },
        platform: { type: 'string' },
        'platform-credentials': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (flags.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = Number(flags.port);
  const feedRate = Number(flags['feed-rate']);
  const shiftHours = Number(flags['shift-hours']);
  const heartbeatMs = Number(flags['heartbeat-ms']);
  const demoStreams = playlistKinds.find((kind) => kind === flags['demo-streams']);
  if (!demoStreams) {
    console.error(`--demo-streams 只能是 ${playlistKinds.join('、')}。/ --demo-streams must be one of ${playlistKinds.join(', ')}.\n\n${usage}`);
    process.exit(2);
  }
  const valid =
    Number.isInteger(port) && port >= 0 && port <= 65535 && Number.isFinite(feedRate) && feedRate >= 0 && shiftHours > 0 && shiftHours <= 24 && heartbeatMs >= 1_000 && heartbeatMs <= 60_000;
  if (!valid) {
    console.error(`端口、案件速率、班次时长或心跳间隔无效（班次 1–24 小时，心跳 1000–60000 毫秒）。/ Invalid --port, --feed-rate, --shift-hours (1–24 h) or --heartbeat-ms (1000–60000).\n\n${usage}`);
    process.exit(2);
  }
  return { ...flags, port, feedRate, shiftHours, heartbeatMs, demoStreams };
}

/** Drills and tests shorten the sync's waits (GRIDWALL_SYNC_TIMEOUT_MS, GRIDWALL_SYNC_RETRY_CAP_MS); rooms keep the defaults. */
function syncTimingFromEnv() {
  const timeout = Number(process.env.GRIDWALL_SYNC_TIMEOUT_MS ?? 0);
  const cap = Number(process.env.GRIDWALL_SYNC_RETRY_CAP_MS ?? 0);
  return {
    ...(timeout >= 500 ? { uploadTimeoutMs: timeout, pullGraceMs: timeout, longPollMs: timeout } : {}),
    ...(cap >= 100 ? { retryCapMs: cap } : {}),
  };
}

async function main() {
  const flags = readFlags();
  const logger = createLogger(stderrSink);
  const dbPath = resolve(flags.db);
  mkdirSync(dirname(dbPath), { recursive: true });
  const resourcesDir = resolve(repoRoot, 'resources');
  const cameraList = flags.cameras ? readCameraFile(resolve(flags.cameras)) : null;
  if (cameraList) {
    console.error(`摄像机清单 / camera list: ${cameraList.cameras.length} 台可用 / usable`);
    for (const problem of cameraList.problems) console.error(`  ${problem}`);
  }
  const referenceDir = flags.reference ? resolve(flags.reference) : null;
  // Read before anything starts: a bad network.json stops the start with the file and field named.
  const listedCameras = cameraList?.cameras ?? readCameras(referenceDir ?? demoReferenceDir(resourcesDir));
  const networkConfig = readNetworkConfig(referenceDir);
  if (flags.platform && !flags['platform-credentials']) throw new Error('--platform 需要 --platform-credentials / --platform needs --platform-credentials');
  const platform = flags['platform-credentials'] ? readPlatformCredentials(resolve(flags['platform-credentials']), flags.platform) : null;
  const cameras = flags['no-demo'] ? null : await startDemoCameras(resourcesDir, flags.demoStreams);
  const networkPolicy = buildNetworkPolicy(networkConfig, cameraStreamUrls(listedCameras), cameras?.origin ?? null);
  const link = await startSupervisedCore({
    entry: new URL('../core/runtime/coreWorker.dev.mjs', import.meta.url),
    log: stderrSink,
    logger,
    core: {
      signInHours: flags.shiftHours,
      dbPath,
      resourcesDir,
      demo: flags['no-demo'] ? null : { ...defaultDemoOptions, feedRatePerMinute: flags.feedRate },
      ...(cameras ? { cameraStreams: cameras.streams } : {}),
      ...(referenceDir ? { referenceDir } : {}),
      ...(cameraList ? { cameraList: cameraList.cameras } : {}),
      ...(platform ? { platform: { credentials: platform, ...syncTimingFromEnv() } } : {}),
    },
  });
  const host = await startWebHost({
    link,
    cameraFaults: cameras?.server.faults ?? null,
    staticDir: resolve(repoRoot, 'dist/renderer'),
    basemapDir: flags.reference ? resolve(flags.reference) : null,
    tokens: drawTokens(),
    logger,
    port: flags.port,
    lan: flags.lan,
    heartbeatMs: flags.heartbeatMs,
    networkPolicy,
  });
  const urls = host.urls();
  if (flags.json) {
    console.log(JSON.stringify({ ready: true, port: host.port, db: dbPath, urls }));
  } else {
    console.log(`\n网格指挥墙 · 浏览器指挥墙 / GridWall browser wall — database ${dbPath}\n`);
    console.log(`  视频矩阵 video  ${urls.video}`);
    console.log(`  网格地图 map    ${urls.map}`);
    console.log(`  派遣队列 queue  ${urls.queue}`);
    console.log(`  展示模式 presentation (visitors, no personal data)  ${urls.presentation}\n`);
    console.log('按 Ctrl+C 停止。/ Press Ctrl+C to stop.');
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await link.close();
    await cameras?.server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // A core that dies is restarted by the supervisor; the windows show a banner meanwhile (and if it gives up).
}

main().catch((error: unknown) => {
  console.error(`无法启动浏览器指挥墙 / Could not start the browser wall: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
