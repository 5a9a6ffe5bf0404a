import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseCameraList, type Camera, type CameraListError } from '../../shared/video/camera';

/**
 * Reads a room's camera list (CSV or JSON, told apart by the file's ending;
 * see README "Real cameras"). Good rows are kept; every bad row is reported
 * with its row number in both languages, for the person starting the wall.
 */
export function readCameraFile(path: string): { cameras: Camera[]; problems: string[] } {
  const format = extname(path).toLowerCase() === '.csv' ? 'csv' : 'json';
  const { cameras, errors } = parseCameraList(readFileSync(path, 'utf8'), format);
  return { cameras, problems: errors.map(describe) };
}

function describe(error: CameraListError): string {
  const where = error.row === 0 ? '文件 / file' : `第 ${error.row} 行 / row ${error.row}`;
  return `${where}${error.field ? ` (${error.field})` : ''}: ${error.message.zh} / ${error.message.en}`;
}
