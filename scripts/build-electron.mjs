// Bundles the Electron side into dist/electron as CommonJS: the main process,
// the sandboxed preloads (which may only require 'electron': the wall
// windows' and the setup window's) and the core's worker. better-sqlite3
// stays external: it is a native module.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3'],
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/app/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/app/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  build({ ...common, entryPoints: ['electron/app/setupPreload.ts'], outfile: 'dist/electron/setupPreload.cjs' }),
  build({ ...common, entryPoints: ['electron/core/runtime/coreWorker.ts'], outfile: 'dist/electron/coreWorker.cjs' }),
]);
console.log('built dist/electron (main, preloads, coreWorker)');
