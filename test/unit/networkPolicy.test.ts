import { CspEvaluator, CspParser, Version } from '@doyensec/csp-evaluator';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessLink } from '../../electron/core/runtime/link';
import { silentLogger } from '../../electron/core/runtime/logger';
import {
  buildNetworkPolicy,
  cameraStreamUrls,
  contentSecurityPolicy,
  normaliseOrigin,
  originMatches,
  readNetworkConfig,
} from '../../electron/host/networkPolicy';
import { resolveRendererFile } from '../../electron/host/staticFiles';
import { startWebHost } from '../../electron/host/webHost';
import { startTestCore, tempDir } from '../support/testCore';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folderWith(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(dir.path, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir.path, name), text);
  cleanups.push(() => dir.remove());
  return dir.path;
}

/** The sources of one directive, e.g. sourcesOf(csp, 'media-src'). */
const sourcesOf = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((directive) => directive.startsWith(`${name} `))
    ?.split(' ')
    .slice(1) ?? null;

describe('the room network policy', () => {
  it('reads origins as a site engineer writes them, canonical, and refuses anything that is not just an origin', () => {
    expect(normaliseOrigin('http://10.0.0.5:8888')).toBe('http://10.0.0.5:8888');
    expect(normaliseOrigin('HTTPS://Gateway.Room.Local:443/')).toBe('https://gateway.room.local');
    expect(normaliseOrigin('http://*.cams.local:8888', true)).toBe('http://*.cams.local:8888');
    for (const bad of ['ftp://10.0.0.5', 'http://10.0.0.5/live', 'http://user:pw@10.0.0.5', 'http://10.0.0.5?x=1', 'http://10.0.0.5#x', 'javascript:alert(1)', '10.0.0.5', ' http://a.b', 'http://*']) {
      expect(normaliseOrigin(bad, true), bad).toBeNull();
    }
    // A wildcard is for camera gateways only.
    expect(normaliseOrigin('http://*.cams.local:8888', false)).toBeNull();
  });

  it('matches wildcard gateways by scheme, domain suffix and port, never by prefix', () => {
    expect(originMatches('http://cam-1.cams.local:8888', 'http://*.cams.local:8888')).toBe(true);
    expect(originMatches('http://cams.local:8888', 'http://*.cams.local:8888')).toBe(false);
    expect(originMatches('http://cam-1.cams.local.evil.cn:8888', 'http://*.cams.local:8888')).toBe(false);
    expect(originMatches('http://cam-1.evilcams.local:8888', 'http://*.cams.local:8888')).toBe(false);
    expect(originMatches('https://cam-1.cams.local:8888', 'http://*.cams.local:8888')).toBe(false);
    expect(originMatches('http://cam-1.cams.local:9999', 'http://*.cams.local:8888')).toBe(false);
    expect(originMatches('https://platform.district.gov.cn', 'https://platform.district.gov.cn')).toBe(true);
  });

  it("names media and requests only from the room's gateways, its cameras' streams and its platform", () => {
    const config = readNetworkConfig(
      folderWith({
        'network.json': JSON.stringify({ cameraGateways: ['http://10.0.0.5:8888', 'http://*.cams.local:8080'], platform: 'https://platform.district.gov.cn', openExternal: ['https://www.12345.gov.cn'] }),
      }),
    );
    const streams = cameraStreamUrls([
      { subStream: 'http://10.0.0.9:80/live/a/hls.m3u8', mainStream: 'http://10.0.0.9/live/a_main/hls.m3u8' },
      { subStream: 'http://cam-7.cams.local:8080/b.m3u8' },
    ]);
    const policy = buildNetworkPolicy(config, streams, 'http://*.localhost:40000');
    expect(policy.cameraOrigins).toEqual(['http://*.cams.local:8080', 'http://*.localhost:40000', 'http://10.0.0.5:8888', 'http://10.0.0.9']);
    const csp = contentSecurityPolicy(policy);
    expect(sourcesOf(csp, 'media-src')).toEqual(["'self'", 'blob:', ...policy.cameraOrigins]);
    expect(sourcesOf(csp, 'connect-src')).toEqual(["'self'", ...policy.cameraOrigins, 'https://platform.district.gov.cn']);
    // No scheme-wide source anywhere: "any http origin" is what this replaces.
    expect(csp).not.toMatch(/(^|\s)(https?:|wss?:)(;|\s|$)/);
    expect(sourcesOf(csp, 'script-src')).toEqual(["'self'"]);
    for (const [name, value] of [['frame-ancestors', "'none'"], ['base-uri', "'none'"], ['form-action', "'none'"], ['object-src', "'none'"]]) {
      expect(sourcesOf(csp, name!), name).toEqual([value]);
    }
  });

  it('reaches nothing beyond the wall without a network.json, and refuses a bad one with the file and field named', () => {
    expect(readNetworkConfig(null)).toEqual({ cameraGateways: [], platform: null, openExternal: [] });
    expect(readNetworkConfig(folderWith({}))).toEqual({ cameraGateways: [], platform: null, openExternal: [] });
    const csp = contentSecurityPolicy(buildNetworkPolicy(readNetworkConfig(null), []));
    expect(sourcesOf(csp, 'media-src')).toEqual(["'self'", 'blob:']);
    expect(sourcesOf(csp, 'connect-src')).toEqual(["'self'"]);

    const bad = folderWith({ 'network.json': JSON.stringify({ cameraGateways: ['http://10.0.0.5:8888/live'] }) });
    expect(() => readNetworkConfig(bad)).toThrow(/network\.json.*cameraGateways\.0.*not an origin/);
    const unknownField = folderWith({ 'network.json': JSON.stringify({ cameraGateway: ['http://10.0.0.5'] }) });
    expect(() => readNetworkConfig(unknownField)).toThrow(/network\.json/);
    const notJson = folderWith({ 'network.json': '{ cameraGateways: [' });
    expect(() => readNetworkConfig(notJson)).toThrow(/基础数据文件 .*network\.json 无效/);
  });
});

describe('the policy as a CSP evaluator reads it', () => {
  // The evaluator electronegativity uses; its severities: 10 high, 30 medium, 40 high-maybe, 50 medium-maybe.
  const findingsOf = (policy: string) => new CspEvaluator(new CspParser(policy).csp, Version.CSP3).evaluate().map((finding) => [finding.severity, finding.directive, finding.value]);

  it("finds nothing high or medium in the header policy with HTTPS gateways; plain-HTTP gateways are flagged as such, and nothing else", () => {
    const https = contentSecurityPolicy(buildNetworkPolicy({ cameraGateways: ['https://gw.room.local:8443'], platform: 'https://platform.district.gov.cn', openExternal: [] }, []));
    // Only the reminder that 'self' must not serve JSONP or uploads (the wall's origin serves its own bundle only).
    expect(findingsOf(https)).toEqual([[50, 'script-src', "'self'"]]);
    const http = contentSecurityPolicy(buildNetworkPolicy({ cameraGateways: ['http://10.0.0.5:8888'], platform: null, openExternal: [] }, []));
    expect(findingsOf(http).filter(([severity]) => (severity as number) < 50)).toEqual([
      [30, 'img-src', 'http://10.0.0.5:8888'],
      [30, 'media-src', 'http://10.0.0.5:8888'],
      [30, 'connect-src', 'http://10.0.0.5:8888'],
    ]);
  });

  it('every page carries the part of the policy that never depends on the room, and nothing that would block the gateways', () => {
    const renderer = new URL('../../renderer/', import.meta.url);
    const pages = readdirSync(renderer).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(7);
    for (const page of pages) {
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(new URL(page, renderer), 'utf8'));
      expect(meta, page).not.toBeNull();
      const policy = meta![1]!;
      for (const directive of ["script-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-src 'none'"]) expect(policy, page).toContain(directive);
      // Both policies apply: a default-src, media-src or connect-src here would block the room's gateways.
      expect(policy, page).not.toMatch(/default-src|media-src|connect-src|img-src/);
    }
  });
});

describe('renderer files for both hosts', () => {
  it('answers a bad escape with 400, a climb out of the folder with 404, and finds the rest', () => {
    expect(resolveRendererFile('/srv/wall', '/%E0%A4%A')).toEqual({ status: 400 });
    expect(resolveRendererFile('/srv/wall', '/%')).toEqual({ status: 400 });
    expect(resolveRendererFile('/srv/wall', '/a%00.html')).toEqual({ status: 404 });
    // Whatever a path tries, it stays inside the folder.
    for (const climb of ['/..%2F..%2Fetc%2Fpasswd', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..\\..\\etc', '//etc/passwd']) {
      const resolved = resolveRendererFile('/srv/wall', climb);
      expect('file' in resolved ? resolved.file.startsWith('/srv/wall/') : resolved.status === 404, climb).toBe(true);
    }
    expect(resolveRendererFile('/srv/wall', '/queue.html')).toEqual({ file: '/srv/wall/queue.html' });
    expect(resolveRendererFile('/srv/wall', '/')).toEqual({ file: '/srv/wall/index.html' });
  });

  it('the web host sends the narrowed policy and nosniff with every answer, a page, a 404 and a 400 alike', async () => {
    const test = startTestCore();
    const staticDir = folderWith({ 'queue.html': '<!doctype html><title>queue</title>' });
    const policy = buildNetworkPolicy({ cameraGateways: ['http://10.0.0.5:8888'], platform: null, openExternal: [] }, []);
    const host = await startWebHost({ link: inProcessLink(test.core), staticDir, tokens: { operator: 'o'.repeat(20), presentation: 'p'.repeat(20) }, logger: silentLogger, port: 0, lan: false, networkPolicy: policy });
    cleanups.push(() => test.close(), () => host.close());
    const base = `http://127.0.0.1:${host.port}`;
    for (const [path, status] of [['/queue.html', 200], ['/missing.html', 404], ['/%E0%A4%A', 400], ['/token-check', 401]] as const) {
      const response = await fetch(base + path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toBe(contentSecurityPolicy(policy));
    }
  });
});
