import { describe, expect, it } from 'vitest';
import { appPageOf, appRequestTarget, failurePageUrl, isAppUrl, wallPageUrl } from '../../electron/app/appUrl';
import { externalUrl, navigationAllowed, permissionAllowed } from '../../electron/app/securityRules';
import { buildNetworkPolicy } from '../../electron/host/networkPolicy';
import { wallWindowSpec } from '../../shared/wall/profile';

const policy = buildNetworkPolicy(
  { cameraGateways: ['http://10.0.0.5:8888', 'http://*.cams.room.local:8080'], platform: 'https://platform.district.gov.cn', openExternal: ['https://platform.district.gov.cn', 'https://www.12345.gov.cn'] },
  [],
);

describe('permissions', () => {
  it('grants nothing to the wall\'s own pages: they play streams, they never capture', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'display-capture', 'window-management']) {
      expect(permissionAllowed(permission, 'app://wall/video.html', policy, ['video']), permission).toBe(false);
    }
  });

  it('grants media (video only) to a configured camera origin and to no other', () => {
    expect(permissionAllowed('media', 'http://10.0.0.5:8888/player', policy, ['video'])).toBe(true);
    expect(permissionAllowed('media', 'http://cam-3.cams.room.local:8080/', policy, ['video'])).toBe(true);
    expect(permissionAllowed('media', 'http://10.0.0.5:8888/player', policy, ['audio'])).toBe(false);
    expect(permissionAllowed('media', 'http://10.0.0.6:8888/player', policy, ['video'])).toBe(false);
    expect(permissionAllowed('media', 'http://10.0.0.5:8889/', policy, ['video'])).toBe(false);
    expect(permissionAllowed('media', 'http://cams.room.local.evil.cn:8080/', policy, ['video'])).toBe(false);
    expect(permissionAllowed('geolocation', 'http://10.0.0.5:8888/', policy)).toBe(false);
  });
});

describe('links to the system browser', () => {
  it('opens only http(s) links whose parsed origin the room allowed', () => {
    expect(externalUrl('https://platform.district.gov.cn/cases/20261127-0003', policy)).toBe('https://platform.district.gov.cn/cases/20261127-0003');
    expect(externalUrl('https://www.12345.gov.cn/', policy)).toBe('https://www.12345.gov.cn/');
    for (const refused of [
      'https://platform.district.gov.cn.evil.cn/',
      'https://platform.district.gov.cn@evil.cn/',
      'https://evil.cn/?https://platform.district.gov.cn',
      'http://platform.district.gov.cn/',
      'https://platform.district.gov.cn:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://10.0.0.1/share',
      'not a url',
    ]) {
      expect(externalUrl(refused, policy), refused).toBeNull();
    }
  });

  it('opens nothing when the room allowed nothing', () => {
    expect(externalUrl('https://platform.district.gov.cn/', buildNetworkPolicy({ cameraGateways: [], platform: null, openExternal: [] }, []))).toBeNull();
  });
});

describe('navigation and the app:// protocol', () => {
  it('lets a window go only to our own pages, compared by parsed scheme and host', () => {
    expect(navigationAllowed('app://wall/queue.html?lang=en')).toBe(true);
    for (const away of ['app://wall.evil/queue.html', 'app://evil/wall', 'app://user@wall/queue.html', 'http://wall/queue.html', 'https://example.com/', 'file:///etc/passwd', 'app:/wall']) {
      expect(navigationAllowed(away), away).toBe(false);
    }
    expect(isAppUrl('app://wall/')).toBe(true);
    expect(appPageOf('app://wall/failed.html?x=1')).toBe('failed.html');
    expect(appPageOf('https://wall/failed.html')).toBeNull();
  });

  it('answers a bad escape with 400 and another host or a climb with 404, instead of throwing', () => {
    expect(appRequestTarget('/opt/gridwall/dist/renderer', 'app://wall/%E0%A4%A')).toEqual({ status: 400 });
    expect(appRequestTarget('/opt/gridwall/dist/renderer', 'app://wall/assets/%')).toEqual({ status: 400 });
    expect(appRequestTarget('/opt/gridwall/dist/renderer', 'app://other/queue.html')).toEqual({ status: 404 });
    expect(appRequestTarget('/opt/gridwall/dist/renderer', 'app://wall/a%00b')).toEqual({ status: 404 });
    expect(appRequestTarget('/opt/gridwall/dist/renderer', 'app://wall/queue.html?lang=en')).toEqual({ file: '/opt/gridwall/dist/renderer/queue.html' });
    const climb = appRequestTarget('/opt/gridwall/dist/renderer', 'app://wall/..%2F..%2F..%2Fetc%2Fpasswd');
    expect('file' in climb ? climb.file.startsWith('/opt/gridwall/dist/renderer/') : true).toBe(true);
  });
});

describe('the pages wall windows load', () => {
  it('gives each window its role\'s page, its part of the screen numbering and, on wall displays, the idle pointer', () => {
    expect(wallPageUrl(wallWindowSpec('video-2'), 'zh-CN')).toBe('app://wall/video.html?lang=zh-CN&window=1&hideCursorAfter=5');
    expect(wallPageUrl(wallWindowSpec('queue'), 'en')).toBe('app://wall/queue.html?lang=en');
    expect(wallPageUrl(wallWindowSpec('map'), 'en')).toBe('app://wall/map.html?lang=en&hideCursorAfter=5');
  });

  it('the failure page carries the reason and the way back to the window\'s own page', () => {
    const url = new URL(failurePageUrl(wallWindowSpec('video-1'), 'zh-CN', { reason: 'oom', failures: 4, retryAt: 1_765_000_000_000 }));
    expect(url.pathname).toBe('/failed.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      lang: 'zh-CN',
      window: 'video-1',
      reason: 'oom',
      failures: '4',
      retryAt: '1765000000000',
      retry: '/video.html?lang=zh-CN&window=0&hideCursorAfter=5',
    });
  });
});
