import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCameraFile } from '../../electron/host/cameraImport';
import { tempDir } from '../support/testCore';

describe('camera list import (--cameras)', () => {
  it('keeps the good rows and names every bad one by its spreadsheet row, in both languages', () => {
    const dir = tempDir();
    const file = join(dir.path, 'cameras.csv');
    writeFileSync(file, 'id,name,lng,lat,tags,sub\ncam-x1,测试路口,121.47,31.24,street,http://gw.local/x1.m3u8\ncam-x2,坏行,121.47,999,street,\n\ncam-x3,无地址,121.46,31.25,,ftp://bad\n');
    const { cameras, problems } = readCameraFile(file);
    expect(cameras.map((camera) => camera.id)).toEqual(['cam-x1']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^第 3 行 \/ row 3 \(lat\): 纬度.* \/ Latitude/);
    expect(problems[1]).toMatch(/^第 5 行 \/ row 5 \(sub\): 码流地址/);
    dir.remove();
  });

  it('reads JSON lists by their file ending', () => {
    const dir = tempDir();
    const file = join(dir.path, 'cameras.json');
    writeFileSync(file, JSON.stringify([{ id: 'cam-j', name: '南门', position: [121.47, 31.24], tags: [] }, { id: 'cam-j', name: '重复', position: [121.47, 31.24] }]));
    const { cameras, problems } = readCameraFile(file);
    expect(cameras).toHaveLength(1);
    expect(problems[0]).toContain('row 2');
    dir.remove();
  });
});
