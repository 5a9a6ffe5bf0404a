// Development entry of the core worker: compiles the TypeScript source on
// the fly (tsx), so tests and the browser wall run the core without a build.
// The Electron app uses the bundled dist/electron/coreWorker.cjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./coreWorker.ts');
