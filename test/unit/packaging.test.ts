import { DOMParser } from '@xmldom/xmldom';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/testCore';

/**
 * Packaging cannot run here (electron-builder downloads Electron), so the
 * configuration is checked instead: with electron-builder's own loader and
 * schema (app-builder-lib is electron-builder's core), then against what
 * the app needs at run time — its targets, fuses, asar, the files the shell
 * loads, the native module unpacked, the icons and the supervisor files.
 */
const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const packageJson = JSON.parse(read('package.json')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

type Config = Awaited<ReturnType<typeof getConfig>> & Record<string, unknown>;
const loaded = getConfig(root, null, null) as Promise<Config>;

/** Whether electron-builder's `files` patterns (in order; `!` excludes) take a path into the app. */
function packaged(patterns: string[], path: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (minimatch(path, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(path, pattern, { dot: true })) included = true;
  }
  return included;
}

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(join(root, path));
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the electron-builder configuration', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(await loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb for Linux and an NSIS installer for Windows, as GridWall / 网格指挥墙', async () => {
    const config = await loaded;
    expect(config.appId).toBe('cn.gridwall.wall');
    expect(config.productName).toBe('GridWall');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    const desktop = (config.linux?.desktop as { entry: Record<string, string> }).entry;
    expect(desktop.Name).toContain('网格指挥墙');
    expect(desktop.Name).toContain('GridWall');
    expect(config.nsis?.shortcutName).toBe('网格指挥墙 GridWall');
    for (const icon of [config.linux?.icon, config.win?.icon]) {
      expect(icon).toBe('resources/icons/icon.png');
      expect(pngSize(icon as string)).toEqual({ width: 512, height: 512 });
    }
  });

  it('sets every fuse of the checklist and packs the app as an asar archive', async () => {
    const config = await loaded;
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('unpacks better-sqlite3 (its native binary is loaded by the OS from disk) and rebuilds it for Electron', async () => {
    const config = await loaded;
    const unpack = config.asarUnpack as string[];
    for (const file of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/better-sqlite3/lib/index.js', 'node_modules/bindings/bindings.js']) {
      expect(unpack.some((pattern) => minimatch(file, pattern)), file).toBe(true);
    }
    expect(unpack.some((pattern) => minimatch('dist/electron/main.cjs', pattern))).toBe(false);
    expect(config.npmRebuild).toBe(true);
    // Packaged only if it is a run-time dependency; Electron itself must not be one.
    expect(packageJson.dependencies['better-sqlite3']).toBeDefined();
    expect(packageJson.dependencies.electron).toBeUndefined();
    expect(packageJson.devDependencies.electron).toBeDefined();
  });

  it('packages every file the shell loads, every page of the renderer and the demo, and leaves source maps out', async () => {
    const config = await loaded;
    // The loader normalises `files` to file sets ({ filter: [...] }).
    const patterns = (config.files as (string | { filter: string[] })[]).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
    expect(config.extraMetadata?.main).toBe(packageJson.main);
    const bundles = ['main.cjs', 'preload.cjs', 'setupPreload.cjs', 'coreWorker.cjs'];
    const buildScript = read('scripts/build-electron.mjs');
    const shellSources = ['main.ts', 'wallWindows.ts', 'setupWindow.ts'].map((file) => read(`electron/app/${file}`)).join('\n');
    for (const bundle of bundles) {
      expect(buildScript, bundle).toContain(`outfile: 'dist/electron/${bundle}'`);
      expect(packaged(patterns, `dist/electron/${bundle}`), bundle).toBe(true);
      if (bundle !== 'main.cjs') expect(shellSources, bundle).toContain(`'${bundle}'`);
    }
    const pages = readdirSync(join(root, 'renderer')).filter((file) => file.endsWith('.html'));
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'video.html', 'map.html', 'queue.html', 'setup.html', 'identify.html', 'failed.html']));
    for (const page of pages) {
      expect(read('vite.config.ts'), page).toMatch(new RegExp(`'${page.replace('.html', '')}'|windowRoles`));
      expect(packaged(patterns, `dist/renderer/${page}`), page).toBe(true);
    }
    expect(packaged(patterns, 'dist/renderer/assets/queue-abc123.js')).toBe(true);
    const demoFiles = readdirSync(join(root, 'resources/demo')).filter((file) => file.endsWith('.json'));
    expect(demoFiles.length).toBeGreaterThan(5);
    for (const file of [...demoFiles.map((name) => `resources/demo/${name}`), 'resources/demo/video/clips.json', 'resources/icons/icon.png', 'package.json']) {
      expect(packaged(patterns, file), file).toBe(true);
    }
    for (const file of ['dist/electron/main.cjs.map', 'dist/renderer/assets/map-abc.js.map', 'resources/icons/icon.svg', 'electron/app/main.ts', 'test/unit/packaging.test.ts']) {
      expect(packaged(patterns, file), file).toBe(false);
    }
  });

  it('ships the supervisor files and the operations guide beside the app', async () => {
    const config = await loaded;
    const extra = config.extraResources as { from: string; to: string }[];
    for (const { from } of extra) expect(existsSync(join(root, from)), from).toBe(true);
    expect(extra.map((entry) => entry.to)).toEqual(expect.arrayContaining(['supervisor/gridwall.service', 'supervisor/', 'docs/OPERATIONS.md']));
    // The unit starts the installed binary where the deb puts it: /opt/<productName>/<executableName>.
    expect(read('packaging/linux/gridwall.service')).toContain(`ExecStart=/opt/${config.productName}/${config.linux?.executableName} --supervised`);
    expect(read('packaging/windows/gridwall-supervise.ps1')).toContain(`'..\\..\\${config.win?.executableName}.exe'`);
  });
});

/** A systemd unit as sections of key → values. */
function parseUnit(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current = '';
  for (const line of text.split('\n').map((raw) => raw.trim())) {
    if (!line || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) sections[(current = section[1]!)] = {};
    else sections[current]![line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return sections;
}

describe('the OS supervisor files', () => {
  it('the systemd user unit restarts the wall, within limits, except when another one is running', () => {
    const unit = parseUnit(read('packaging/linux/gridwall.service'));
    expect(unit.Service).toMatchObject({ Restart: 'always', RestartPreventExitStatus: '3' });
    expect(Number(unit.Service!.RestartSec)).toBeGreaterThan(0);
    expect(Number(unit.Unit!.StartLimitBurst)).toBeGreaterThanOrEqual(3);
    expect(Number(unit.Unit!.StartLimitIntervalSec)).toBeGreaterThanOrEqual(300);
    expect(unit.Install!.WantedBy).toBe('graphical-session.target');
    // The shell's exit codes the unit relies on.
    const main = read('electron/app/main.ts');
    expect(main).toContain('app.exit(3)');
    expect(main).toContain("hasSwitch('supervised')");
  });

  it('systemd itself accepts the unit', (context) => {
    const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((path) => existsSync(path));
    if (!analyze) return context.skip('systemd-analyze is not installed here');
    const dir = tempDir();
    try {
      // The installed binary does not exist on this machine; everything else is checked as written.
      const unit = read('packaging/linux/gridwall.service').replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`);
      const path = join(dir.path, 'gridwall.service');
      writeFileSync(path, unit);
      expect(() => execFileSync(analyze, ['verify', path], { stdio: 'pipe', timeout: 20_000 })).not.toThrow();
    } finally {
      dir.remove();
    }
  });

  it('the Windows scheduled task starts the supervisor script at logon, with no time limit, and restarts it if it fails', () => {
    const errors: string[] = [];
    const xml = new DOMParser({ errorHandler: (level: string, message: unknown) => errors.push(`${level}: ${String(message)}`) }).parseFromString(read('packaging/windows/GridWall-task.xml'), 'text/xml');
    expect(errors).toEqual([]);
    const text = (tag: string) => xml.getElementsByTagName(tag)[0]?.textContent ?? null;
    expect(xml.getElementsByTagName('LogonTrigger')).toHaveLength(1);
    expect(text('ExecutionTimeLimit')).toBe('PT0S');
    expect(text('MultipleInstancesPolicy')).toBe('IgnoreNew');
    expect(text('DisallowStartIfOnBatteries')).toBe('false');
    expect(Number(text('Count'))).toBeGreaterThanOrEqual(1);
    expect(text('Command')).toBe('powershell.exe');
    expect(text('Arguments')).toContain('gridwall-supervise.ps1');
  });

  it('the Windows supervisor script restarts GridWall within the same limits as systemd, in plain ASCII for PowerShell 5.1', () => {
    for (const file of ['gridwall-supervise.ps1', 'install-task.ps1', 'GridWall-task.xml']) {
      expect(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(read(`packaging/windows/${file}`)), file).toBe(true);
    }
    const script = read('packaging/windows/gridwall-supervise.ps1');
    const unit = parseUnit(read('packaging/linux/gridwall.service'));
    expect(script).toContain(`[int]$Burst = ${unit.Unit!.StartLimitBurst}`);
    expect(script).toContain(`[int]$IntervalSec = ${unit.Unit!.StartLimitIntervalSec}`);
    expect(script).toContain("-ArgumentList '--supervised'");
    expect(script).toMatch(/if \(\$code -eq 3\)/);
  });
});
