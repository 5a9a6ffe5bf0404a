import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering is enforced by lint: each case lints a small piece of code
 * as if it were a file in that layer, through the project's own config.
 */
const cwd = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals')
    .map((message) => message.message);
}

describe('layering rules', () => {
  it('refuses Node in shared/', async () => {
    const errors = await layeringErrors('shared/domain/leak.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(errors.join()).toMatch(/shared\/ is pure TypeScript/);
  });

  it('refuses the DOM and React in shared/', async () => {
    expect(await layeringErrors('shared/domain/leak.ts', 'export const w = window.innerWidth;\n')).toHaveLength(1);
    expect(await layeringErrors('shared/domain/leak.ts', "import { useState } from 'react';\nexport const u = useState;\n")).toHaveLength(1);
  });

  it('refuses the database and the core in the renderer', async () => {
    const errors = await layeringErrors(
      'renderer/src/queue/leak.ts',
      "import Database from 'better-sqlite3';\nimport { createCore } from '../../../electron/core/core';\nexport const x = [Database, createCore];\n",
    );
    expect(errors).toHaveLength(2);
  });

  it('refuses electron in the core and the web host', async () => {
    expect(await layeringErrors('electron/core/services/leak.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await layeringErrors('electron/host/leak.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('refuses the hosts in the core, and lets the host build on the core', async () => {
    const fromCore = "import { startWebHost } from '../../host/webHost';\nexport const h = startWebHost;\n";
    expect((await layeringErrors('electron/core/services/leak.ts', fromCore)).join()).toMatch(/must not depend on the hosts/);
    const fromHost = "import { createCore } from '../core/core';\nexport const c = createCore;\n";
    expect(await layeringErrors('electron/host/fine.ts', fromHost)).toEqual([]);
  });

  it('keeps the district platform and the wall apart, both ways', async () => {
    const fromPlatform = "import { createCore } from '../core/core';\nexport const c = createCore;\n";
    expect((await layeringErrors('electron/platform/leak.ts', fromPlatform)).join()).toMatch(/builds on shared\/ only/);
    const fromCore = "import { startPlatform } from '../../platform/platform';\nexport const p = startPlatform;\n";
    expect((await layeringErrors('electron/core/sync/leak.ts', fromCore)).join()).toMatch(/never imports the platform/);
    const shared = "import { UploadRequestSchema } from '../../shared/sync/protocol';\nexport const u = UploadRequestSchema;\n";
    expect(await layeringErrors('electron/platform/fine.ts', shared)).toEqual([]);
  });

  it('allows raw ipcMain only in the validated wrapper', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n";
    expect(await layeringErrors('electron/app/main.ts', code)).toHaveLength(1);
    expect(await layeringErrors('electron/app/ipc.ts', code)).toHaveLength(0);
  });

  it('accepts code that stays in its layer', async () => {
    expect(await layeringErrors('shared/domain/fine.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
    expect(await layeringErrors('renderer/src/fine.ts', "import { isOpen } from '../../shared/domain/case';\nexport const f = isOpen;\n")).toEqual([]);
  });
});
