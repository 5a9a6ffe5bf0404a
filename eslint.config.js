// Lint rules, and the layering of the code (see docs/ARCHITECTURE.md).
// The layering rules are the architecture: do not relax them to make an
// import work — move the code to the layer where it belongs.
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net', 'crypto', 'url', 'util'];

const layer = (message, patterns) => ({ group: patterns, message });

export default tseslint.config(
  // resources/ holds data and media (its MPEG-TS video segments end in .ts).
  { ignores: ['dist/**', '.tsbuild/**', '.native/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.scratch/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('shared/ is pure TypeScript: no Node, no Electron, no DOM libraries. Pass what you need in as arguments.', [
              ...nodeBuiltins,
              'electron',
              'better-sqlite3',
              'ws',
              'react',
              'react-*',
              'zustand',
              'zustand/*',
              'hls.js',
              'maplibre-gl',
            ]),
            layer('shared/ must not import from the layers that build on it.', ['**/electron/**', '**/renderer/**', '../electron*', '../renderer*']),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which GridWall does not use.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('The renderer reaches the core only through its bridge (renderer/src/bridge); no Node, no Electron, no database here.', [
              ...nodeBuiltins,
              'electron',
              'better-sqlite3',
              'ws',
              '**/electron/**',
              '../electron*',
            ]),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('The core runs under plain Node: never import electron (only electron/app/ may).', ['electron', 'electron/*']),
            layer('The core must not depend on the hosts (shell, browser wall host) or the renderer: they build on it.', [
              '**/renderer/**',
              '**/app/**',
              '../app*',
              '**/host/**',
              '../host*',
            ]),
            layer('The core talks to the district platform over HTTP only (shared/sync/protocol.ts); it never imports the platform.', ['**/platform/**', '../platform*']),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/host/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('The browser wall host runs under plain Node: never import electron (only electron/app/ may).', ['electron', 'electron/*']),
            layer('The host builds on the core and must not depend on the shell or the renderer.', ['**/renderer/**', '**/app/**', '../app*']),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/platform/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('The district platform is a server of its own: never import electron.', ['electron', 'electron/*', 'better-sqlite3']),
            layer('The district platform builds on shared/ only: never on the wall (core, hosts, shell) or the renderer.', [
              '**/core/**',
              '../core*',
              '**/host/**',
              '../host*',
              '**/app/**',
              '../app*',
              '**/renderer/**',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/app/**/*.ts'],
    ignores: ['electron/app/ipc.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Use the validated wrapper in electron/app/ipc.ts.' }],
          patterns: [layer('The shell does not import renderer code.', ['**/renderer/**'])],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{ts,mjs}', 'test/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
);
