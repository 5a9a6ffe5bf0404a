import { expect, test } from 'vitest';
import { createI18n } from '../../shared/i18n/index';
import { linkBannerText, linkIndicatorText, shownLink } from '../../renderer/src/shell/linkWords';

const words = (locale: 'zh-CN' | 'en') => {
  const i18n = createI18n(locale);
  return (key: string, values?: Record<string, unknown>) => i18n.t(key, values);
};
const zh = words('zh-CN');
const en = words('en');
const now = Date.UTC(2026, 11, 5, 20, 0);

test('the banner says what is wrong and what to do, counting down to the next attempt', () => {
  expect(linkBannerText({ kind: 'open' }, now, zh)).toBeNull();
  expect(linkBannerText({ kind: 'connecting' }, now, zh)).toBeNull();
  expect(linkBannerText({ kind: 'lost', attempt: 3, retryInMs: 4_000, retryAt: now + 3_200 }, now, zh)).toMatch(/^与核心的连接中断，正在重连（第 3 次，4 秒后）。.*请检查网络或联系技术支持。$/);
  expect(linkBannerText({ kind: 'lost', attempt: 3, retryInMs: 4_000, retryAt: now - 10 }, now, zh)).toMatch(/^与核心的连接中断，正在重连（第 3 次）…/);
  expect(linkBannerText({ kind: 'coreDown', since: now - 5_000, attempt: 2, retryAt: now + 7_000 }, now, zh)).toBe('核心已停止，正在重启（第 2 次，7 秒后）…画面暂停更新，恢复后会自动刷新。');
  expect(linkBannerText({ kind: 'coreFailed', since: now, reason: 'database disk image is malformed' }, now, zh)).toBe(
    '核心多次重启失败，已停止运行（database disk image is malformed）。画面不再更新，操作无法执行。请重启网格指挥墙或联系技术支持。',
  );
  expect(linkBannerText({ kind: 'refused' }, now, zh)).toContain('请打开启动时打印的新地址');
});

test('in English on request, and the header keeps its short word for the link', () => {
  expect(linkBannerText({ kind: 'coreDown', since: now, attempt: 1, retryAt: now + 2_000 }, now, en)).toMatch(/^The core stopped and is being restarted \(attempt 1, in 2 s\)/);
  expect(linkBannerText({ kind: 'coreFailed', since: now, reason: 'disk full' }, now, en)).toMatch(/\(disk full\).*Restart GridWall or call support\.$/);
  expect(linkIndicatorText({ kind: 'coreDown', since: now, attempt: 1, retryAt: now }, zh)).toBe('核心重启中（第 1 次）');
  expect(linkIndicatorText({ kind: 'coreFailed', since: now, reason: 'x' }, en)).toBe('Core stopped');
});

test('the header says "live" only once the window has read what is current over its link', () => {
  expect(linkIndicatorText(shownLink({ kind: 'open' }, false), zh)).toBe('正在读取…');
  expect(linkIndicatorText(shownLink({ kind: 'open' }, true), zh)).toBe('实时');
  expect(linkIndicatorText(shownLink({ kind: 'open' }, false), en)).toBe('Loading…');
  // Whatever is wrong with the link is said as it is, read or not.
  expect(shownLink({ kind: 'refused' }, false)).toEqual({ kind: 'refused' });
});
