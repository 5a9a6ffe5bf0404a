import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotations, blocking, scan } from '../../scripts/check-electron-security';
import { tempDir } from '../support/testCore';

/**
 * The electronegativity gate `npm test` runs (scripts/check-electron-security.ts):
 * it finds what it must on a shell written the wrong way, and the app's own
 * exceptions are each annotated where they are.
 */
describe('the electronegativity gate', () => {
  it('finds high and medium problems in a shell that turns the protections off', async () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'electron'), { recursive: true });
      writeFileSync(
        join(dir.path, 'electron', 'main.js'),
        [
          "const { BrowserWindow, shell } = require('electron');",
          'const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
          'window.webContents.on("new-window", (event, url) => shell.openExternal(url));',
        ].join('\n'),
      );
      const { findings } = await scan(dir.path, ['electron']);
      const blockers = new Set(findings.filter((finding) => blocking.has(finding.severity.name)).map((finding) => finding.id));
      const expected = ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'AUXCLICK_JS_CHECK'];
      // No navigation limits, permission handler or CSP anywhere: the global checks see it too.
      expected.push('LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK');
      for (const id of expected) {
        expect([...blockers], id).toContain(id);
      }
    } finally {
      dir.remove();
    }
  }, 60_000);

  it('every reviewed exception in the app is an annotation on its own line, naming its check', () => {
    expect(annotations()).toEqual([
      { file: 'electron/app/secureWindow.ts', line: expect.any(Number), checks: ['PRELOAD_JS_CHECK'] },
      { file: 'electron/app/security.ts', line: expect.any(Number), checks: ['OPEN_EXTERNAL_JS_CHECK'] },
    ]);
  });
});
