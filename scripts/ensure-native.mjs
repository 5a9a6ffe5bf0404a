// Makes sure better-sqlite3 has a native binary for the runtime about to use it.
//
//   node ensure-native.mjs node      — tests and the browser wall (Node's ABI)
//   node ensure-native.mjs electron  — `npm start` and packaging (Electron's ABI)
//
// The Node build lives where npm put it (node_modules/better-sqlite3/build).
// The Electron build goes to .native/electron-<version>/ and is handed to
// better-sqlite3 through its `nativeBinding` option, so the two never
// overwrite each other. Each is (re)built only when it is missing or stale.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const target = process.argv[2];

function nodeBuildLoads() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"], {
    cwd: root,
    encoding: 'utf8',
  });
  return { ok: probe.status === 0, detail: probe.stderr.split('\n').find((line) => line.includes('NODE_MODULE_VERSION') || line.includes('Error')) };
}

function ensureNode() {
  const first = nodeBuildLoads();
  if (first.ok) return;
  console.log(`better-sqlite3 does not load under Node ${process.version} (${first.detail ?? 'unknown error'}); rebuilding it for Node…`);
  execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
  const second = nodeBuildLoads();
  if (!second.ok) {
    console.error(`better-sqlite3 still does not load under Node: ${second.detail}. Check that python3, make and a C++ compiler are installed.`);
    process.exit(1);
  }
}

function ensureElectron() {
  const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const outDir = join(root, '.native', `electron-${version}`);
  const output = join(outDir, 'better_sqlite3.node');
  if (existsSync(output)) return;
  console.log(`Building better-sqlite3 for Electron ${version} (once; kept in .native/)…`);
  const work = join(root, '.native', 'build');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true, filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`) });
  const electronEnv = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: version,
    npm_config_disturl: 'https://electronjs.org/headers',
    npm_config_build_from_source: '',
  };
  // A prebuilt binary when one can be downloaded, otherwise a compile against Electron's headers.
  const prebuilt = spawnSync(process.execPath, [require.resolve('prebuild-install/bin.js', { paths: [work] }), '--runtime', 'electron', '--target', version], {
    cwd: work,
    stdio: 'inherit',
    env: electronEnv,
  });
  if (prebuilt.status !== 0) {
    const compiled = spawnSync(npm, ['exec', '--', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], {
      cwd: work,
      stdio: 'inherit',
      env: electronEnv,
    });
    if (compiled.status !== 0) {
      console.error(
        `Could not build better-sqlite3 for Electron ${version}: it needs either a prebuilt binary or Electron's headers, both downloaded from the internet.\n` +
          '无法为 Electron 构建 better-sqlite3：需要联网下载预编译文件或 Electron 头文件。',
      );
      process.exit(1);
    }
  }
  mkdirSync(outDir, { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), output);
  rmSync(work, { recursive: true, force: true });
  console.log(`better-sqlite3 for Electron ${version} → ${output}`);
}

if (target === 'node') ensureNode();
else if (target === 'electron') ensureElectron();
else {
  console.error('usage: node scripts/ensure-native.mjs node|electron');
  process.exit(2);
}
