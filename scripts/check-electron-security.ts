// `npm run security`, part of `npm test` (what CI runs): @doyensec/electronegativity
// over everything that goes into the Electron app — the shell, the core, the
// hosts, the shared code and the renderer (pages and sources) — with 0
// findings of high or medium severity allowed. A line accepted after review
// carries an `eng-disable <CHECK>` annotation, and every annotation must be
// explained in docs/SECURITY.md; lower findings are printed for the same
// review. Prints one JSON line last.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
type Electronegativity = (options: Record<string, unknown>) => Promise<ScanResult>;

const root = resolve(import.meta.dirname, '..');
/** What goes into the app (see electron-builder.yml), as source. */
export const scannedFolders = ['electron', 'shared', 'renderer'];
/**
 * Checks left out, and why (docs/SECURITY.md repeats this):
 * AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK asks GitHub for Electron's release
 * notes, which CI cannot reach; Electron is pinned in package.json and
 * upgraded on purpose.
 */
export const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];
export const blocking = new Set(['HIGH', 'MEDIUM']);

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs|html)$/.test(name) ? [path] : [];
  });
}

/** Copies the app's sources and package.json (the Electron version) to a folder of their own: the scanner walks whole folders. */
function stage(base: string, folders: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridwall-electronegativity-'));
  for (const folder of folders) {
    for (const file of sourceFiles(join(base, folder))) cpSync(file, join(dir, relative(base, file)));
  }
  writeFileSync(join(dir, 'package.json'), readFileSync(join(root, 'package.json')));
  return dir;
}

/** Every `eng-disable` annotation in the scanned sources: each is a reviewed exception and must be explained in docs/SECURITY.md. */
export function annotations(): { file: string; line: number; checks: string[] }[] {
  return scannedFolders.flatMap((folder) =>
    sourceFiles(join(root, folder)).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((text, index) => {
          const match = /eng-disable\s+([A-Z_ ]+?)(?::|\*\/|-->|$)/.exec(text);
          return match ? [{ file: relative(root, file), line: index + 1, checks: match[1]!.trim().split(/\s+/) }] : [];
        }),
    ),
  );
}

/** Scans `folders` of `base` (the app's own, by default) as the packaged app would hold them. */
export async function scan(base = root, folders: readonly string[] = scannedFolders): Promise<{ findings: Finding[]; parseErrors: ScanResult['errors']; checks: number }> {
  const require = createRequire(import.meta.url);
  const electronegativity = require('@doyensec/electronegativity') as Electronegativity | { default: Electronegativity };
  const run = typeof electronegativity === 'function' ? electronegativity : electronegativity.default;
  const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const dir = stage(base, folders);
  try {
    const result = await run({ input: dir, isRelative: true, excludeFromScan: excludedChecks, electronVersionOverride: electronVersion });
    return { findings: result.issues, parseErrors: result.errors.filter((error) => !error.tolerable), checks: result.globalChecks + result.atomicChecks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { findings, parseErrors, checks } = await scan();
  const blockingFindings = findings.filter((finding) => blocking.has(finding.severity.name));
  const lower = findings.filter((finding) => !blocking.has(finding.severity.name));
  const security = readFileSync(join(root, 'docs/SECURITY.md'), 'utf8');
  const undocumented = annotations().filter((note) => note.checks.some((check) => !security.includes(check)) || !security.includes(note.file));
  const undocumentedLower = [...new Set(lower.map((finding) => finding.id))].filter((id) => !security.includes(id));
  for (const finding of findings) {
    console.log(`${finding.severity.name.padEnd(13)} ${finding.confidence.name.padEnd(9)} ${finding.id}  ${finding.file}:${finding.location.line}`);
  }
  for (const error of parseErrors) console.log(`NOT SCANNED   ${error.file}: ${error.message}`);
  for (const note of undocumented) console.log(`UNEXPLAINED   eng-disable ${note.checks.join(' ')} at ${note.file}:${note.line} (explain it in docs/SECURITY.md)`);
  for (const id of undocumentedLower) console.log(`UNEXPLAINED   ${id} (a lower finding: explain it in docs/SECURITY.md)`);
  const ok = blockingFindings.length === 0 && parseErrors.length === 0 && undocumented.length === 0 && undocumentedLower.length === 0;
  console.log(
    JSON.stringify({ ok, checks, high_medium: blockingFindings.length, lower: lower.length, not_scanned: parseErrors.length, annotations: annotations().length, unexplained: undocumented.length + undocumentedLower.length }),
  );
  if (!ok) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
