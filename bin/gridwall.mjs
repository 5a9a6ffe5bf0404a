#!/usr/bin/env node
// `npx gridwall parse "<text>"` from the repository: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../electron/host/gridwallCli.ts');
