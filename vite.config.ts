import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { windowRoles } from './shared/wall/roles.ts';

const root = resolve(import.meta.dirname, 'renderer');

/**
 * One HTML entry per window role (plus the launcher, and the Electron
 * shell's own pages: the wall setup view, the display numbers and the page
 * of a window that failed again and again). `base: './'` keeps
 * asset URLs relative, so the same build loads from the web host and from
 * the Electron shell's app:// protocol.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: Object.fromEntries(['index', ...windowRoles, 'setup', 'identify', 'failed'].map((entry) => [entry, resolve(root, `${entry}.html`)])),
    },
  },
});
