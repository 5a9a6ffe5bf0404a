// `npm start`: build the renderer and the Electron bundle, make sure
// better-sqlite3 has an Electron build, then start Electron on the embedded
// demo. Extra arguments go to the app (e.g. `npm start -- --lang=en`).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step(npm, ['run', '--silent', 'build:renderer']);
step(npm, ['run', '--silent', 'build:electron']);
step(process.execPath, ['scripts/ensure-native.mjs', 'electron']);

let electronBinary;
try {
  // electron ≥ 45 downloads its binary here, on first use.
  electronBinary = require('electron');
} catch (error) {
  console.error(
    `Electron could not be started: ${error.message}\n无法启动 Electron（首次启动需联网下载）。Without internet, use the browser wall: npm run wall`,
  );
  process.exit(1);
}
const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
