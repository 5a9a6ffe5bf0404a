import { describe, expect, it } from 'vitest';
import { classifyPlayerError, failureReasons, stillStale, watchdogReason, type PlayerErrorInfo } from '../../shared/video/streamFailure';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zh-CN';

const error = (info: Partial<PlayerErrorInfo>): PlayerErrorInfo => ({ type: 'networkError', details: 'levelLoadError', fatal: false, ...info });

describe('classifyPlayerError: what the demo fault switches look like to hls.js 1.7', () => {
  it('notFound: a 404 playlist or segment is an invalid camera address, fatal or not', () => {
    expect(classifyPlayerError(error({ details: 'manifestLoadError', fatal: true, httpStatus: 404 }))).toEqual({ reason: 'notFound', reconnect: true });
    expect(classifyPlayerError(error({ details: 'levelLoadError', httpStatus: 404 }))).toEqual({ reason: 'notFound', reconnect: false });
    expect(classifyPlayerError(error({ details: 'fragLoadError', fatal: true, httpStatus: 410 })).reason).toBe('notFound');
  });

  it('stale: a playlist that stopped changing reconnects although hls.js calls it non-fatal', () => {
    expect(classifyPlayerError(error({ details: 'playlistUnchangedError' }))).toEqual({ reason: 'stale', reconnect: true });
  });

  it('stall: a segment cut off after some bytes is a stream stalled mid-segment; with no bytes it is a timeout', () => {
    expect(classifyPlayerError(error({ details: 'aborted', fragmentBytesLoaded: 11_186 }))).toEqual({ reason: 'stalled', reconnect: false });
    expect(classifyPlayerError(error({ details: 'fragLoadTimeOut', fatal: true, fragmentBytesLoaded: 5_000 }))).toEqual({ reason: 'stalled', reconnect: true });
    expect(classifyPlayerError(error({ details: 'fragLoadTimeOut', fatal: true, fragmentBytesLoaded: 0 })).reason).toBe('timeout');
    // The player dropping a load of its own accord says nothing about the camera.
    expect(classifyPlayerError(error({ details: 'aborted', fragmentBytesLoaded: 0 })).reason).toBeNull();
  });

  it('malformed: a playlist that does not parse, on first load or on reload', () => {
    for (const details of ['manifestParsingError', 'levelParsingError', 'levelEmptyError']) {
      expect(classifyPlayerError(error({ details, fatal: true, httpStatus: 200 }))).toEqual({ reason: 'malformed', reconnect: true });
    }
  });

  it('offline: a load with no answer at all is a lost connection', () => {
    expect(classifyPlayerError(error({ details: 'levelLoadError', httpStatus: 0 }))).toEqual({ reason: 'network', reconnect: false });
    expect(classifyPlayerError(error({ details: 'manifestLoadError', fatal: true }))).toEqual({ reason: 'network', reconnect: true });
    expect(classifyPlayerError(error({ details: 'manifestLoadTimeOut', fatal: true })).reason).toBe('timeout');
  });

  it('media: buffer stalls are symptoms, not causes; a fatal media error is a decoding error', () => {
    expect(classifyPlayerError(error({ type: 'mediaError', details: 'bufferStalledError' }))).toEqual({ reason: null, reconnect: false });
    expect(classifyPlayerError(error({ type: 'mediaError', details: 'bufferAppendError', fatal: true }))).toEqual({ reason: 'media', reconnect: true });
  });
});

describe('watchdogReason', () => {
  it('uses the suspicion, else says whether the connection ever showed a picture', () => {
    expect(watchdogReason('network', true)).toBe('network');
    expect(watchdogReason(null, false)).toBe('timeout');
    expect(watchdogReason(null, true)).toBe('noPicture');
  });
});

describe('stillStale', () => {
  it('is the same or an older playlist end after a stale reconnect; anything newer is the camera back', () => {
    expect(stillStale(120, { live: true, endSN: 120 })).toBe(true);
    expect(stillStale(120, { live: true, endSN: 119 })).toBe(true);
    expect(stillStale(120, { live: true, endSN: 121 })).toBe(false);
    expect(stillStale(null, { live: true, endSN: 5 })).toBe(false);
    expect(stillStale(120, { live: false, endSN: 100 })).toBe(false);
  });
});

describe('failure texts', () => {
  it('every reason has a short text in Chinese and English', () => {
    for (const reason of failureReasons) {
      for (const texts of [zhCN, en]) {
        const text = (texts.video.reason as Record<string, string>)[reason];
        expect(text, reason).toBeTruthy();
        expect(text!.length, reason).toBeLessThanOrEqual(32);
      }
    }
    expect(zhCN.video.reason.notFound).toBe('摄像机地址无效（404）');
    expect(zhCN.video.reason.stale).toBe('画面停止更新');
    expect(zhCN.video.reason.malformed).toBe('播放列表格式错误');
    expect(zhCN.video.reason.network).toBe('连接中断');
  });
});
