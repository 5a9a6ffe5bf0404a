import type { z } from 'zod';
import type { Name } from '../domain/names';

/**
 * Every problem the video modules report, in both UI languages.
 *
 * shared/i18n is the home of user-facing text; until these are copied there
 * (as `video.issues.<code>`), each issue carries a stable code, its
 * parameters, and the text already interpolated in both languages. The
 * placeholders use i18next's `{{name}}` syntax so the table can be pasted
 * into zh-CN.ts / en.ts unchanged.
 */
export const videoMessages = {
  // Camera lists -------------------------------------------------------------
  emptyFile: { zh: '文件是空的，没有摄像机。', en: 'The file is empty: it lists no cameras.' },
  jsonSyntax: { zh: '不是有效的 JSON：{{detail}}', en: 'Not valid JSON: {{detail}}' },
  notAList: { zh: '文件应是摄像机数组，或含有 cameras 数组的对象。', en: 'Expected an array of cameras, or an object with a "cameras" array.' },
  notAnObject: { zh: '这一项不是摄像机对象。', en: 'This entry is not a camera object.' },
  missingColumn: { zh: '表头缺少“{{column}}”列。', en: 'The header row has no "{{column}}" column.' },
  unknownColumn: { zh: '不认识的列“{{column}}”，已忽略。', en: 'Unknown column "{{column}}": ignored.' },
  duplicateColumn: { zh: '“{{column}}”列出现了两次，只读第一列。', en: 'Column "{{column}}" appears twice; only the first is read.' },
  unterminatedQuote: {
    zh: '引号没有闭合：从这一行到文件末尾都无法读取。',
    en: 'A quoted cell is never closed: nothing from this row to the end of the file can be read.',
  },
  extraCells: {
    zh: '这一行比表头多 {{count}} 个单元格（名称里的逗号是否没加引号？）。',
    en: 'This row has {{count}} more cells than the header (a comma in a name without quotes?).',
  },
  missingValue: { zh: '“{{field}}”不能为空。', en: '"{{field}}" must not be empty.' },
  badNumber: { zh: '“{{field}}”的值“{{value}}”不是数字。', en: '"{{field}}": "{{value}}" is not a number.' },
  badId: { zh: '编号须为 1–40 个字符，不含空格、逗号或竖线。', en: 'An id is 1–40 characters, without spaces, commas or "|".' },
  duplicateId: { zh: '编号“{{id}}”与第 {{firstRow}} 行重复。', en: 'Id "{{id}}" was already used in row {{firstRow}}.' },
  badName: { zh: '需要名称（中文或英文至少一个，不超过 80 字）。', en: 'A name is needed (Chinese or English, up to 80 characters).' },
  badLongitude: { zh: '经度须在 -180 到 180 之间。', en: 'Longitude must be between -180 and 180.' },
  badLatitude: { zh: '纬度须在 -90 到 90 之间（经纬度是否填反了？）。', en: 'Latitude must be between -90 and 90 (longitude and latitude swapped?).' },
  nullIsland: { zh: '位置是 0, 0，多半是漏填了坐标。', en: 'Position 0, 0 is almost certainly a missing position.' },
  badHeading: { zh: '朝向须为 0–360 度（正北为 0，顺时针）。', en: 'Heading must be 0–360 degrees (0 = north, clockwise).' },
  badFieldOfView: { zh: '视场角须为 1–360 度。', en: 'Field of view must be 1–360 degrees.' },
  badTag: { zh: '标签须为 1–40 个字符，不含竖线，最多 20 个。', en: 'Tags are 1–40 characters each, without "|", at most 20.' },
  badGridId: { zh: '网格编号须为 1–40 个字符。', en: 'A grid id is 1–40 characters.' },
  badStreamUrl: { zh: '码流地址须为完整的 http:// 或 https:// 地址。', en: 'A stream address must be a full http:// or https:// URL.' },
  invalidValue: { zh: '“{{field}}”的值无效。', en: 'Invalid value for "{{field}}".' },

  // Layouts ------------------------------------------------------------------
  spanOutside: { zh: '大画面 {{span}} 超出了 {{columns}}×{{rows}} 的网格。', en: 'Big tile {{span}} does not fit in the {{columns}}×{{rows}} grid.' },
  spanOverlap: { zh: '大画面 {{span}} 与另一个大画面重叠。', en: 'Big tile {{span}} overlaps another big tile.' },

  // Slot plans ---------------------------------------------------------------
  badClock: { zh: '时间须为 HH:MM（00:00–23:59）。', en: 'A time is HH:MM (00:00–23:59).' },
  duplicateSlotId: { zh: '时段编号“{{slot}}”重复。', en: 'Slot id "{{slot}}" is used twice.' },
  duplicateSlotStart: { zh: '时段“{{slot}}”与“{{other}}”都从 {{start}} 开始。', en: 'Slots "{{slot}}" and "{{other}}" both start at {{start}}.' },
  slotGap: {
    zh: '时段“{{slot}}”{{end}} 结束，下一时段“{{next}}”{{nextStart}} 才开始：中间 {{minutes}} 分钟没有安排。',
    en: 'Slot "{{slot}}" ends at {{end}} but the next slot "{{next}}" starts at {{nextStart}}: {{minutes}} min are not covered.',
  },
  slotOverlap: {
    zh: '时段“{{slot}}”{{end}} 结束，但下一时段“{{next}}”{{nextStart}} 已开始：重叠 {{minutes}} 分钟。',
    en: 'Slot "{{slot}}" ends at {{end}} but the next slot "{{next}}" starts at {{nextStart}}: they overlap by {{minutes}} min.',
  },
  slotTooShort: { zh: '时段“{{slot}}”只有 {{minutes}} 分钟，至少需要 {{min}} 分钟。', en: 'Slot "{{slot}}" lasts {{minutes}} min; a slot needs at least {{min}} min.' },
  screenTwice: { zh: '时段“{{slot}}”的第 {{screen}} 屏被安排了两次（固定画面或轮巡）。', en: 'Slot "{{slot}}" assigns screen {{screen}} twice (fixed camera or tour).' },
  screenOutsideWall: { zh: '时段“{{slot}}”用到第 {{screen}} 屏，但视频墙只有 {{count}} 屏。', en: 'Slot "{{slot}}" uses screen {{screen}}, but the wall has only {{count}} screens.' },
  unknownCamera: { zh: '时段“{{slot}}”第 {{screen}} 屏的摄像机“{{camera}}”不在摄像机清单中。', en: 'Slot "{{slot}}", screen {{screen}}: camera "{{camera}}" is not in the camera list.' },
  badDwell: { zh: '轮巡停留时间须为 {{min}}–{{max}} 秒的整数。', en: 'A tour dwell time is a whole number of seconds, {{min}}–{{max}}.' },
} as const satisfies Record<string, Name>;

export type VideoMessageCode = keyof typeof videoMessages;
export type VideoMessageParams = Record<string, string | number>;

/** One problem, with a stable code for i18n and the text in both languages. */
export interface VideoIssue {
  code: VideoMessageCode;
  params: VideoMessageParams;
  message: Name;
  /** Where in the checked value, as zod reports paths (e.g. ['slots', 2, 'end']). */
  path?: (string | number)[];
}

function interpolate(template: string, params: VideoMessageParams): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export function videoIssue(code: VideoMessageCode, params: VideoMessageParams = {}, path?: (string | number)[]): VideoIssue {
  const template = videoMessages[code];
  const issue: VideoIssue = { code, params, message: { zh: interpolate(template.zh, params), en: interpolate(template.en, params) } };
  if (path) issue.path = path;
  return issue;
}

/**
 * Reports a video issue from inside a zod refinement. The English text is the
 * zod message (what the contract layer shows today); the code, parameters and
 * Chinese text travel in `params` so `videoIssuesFromZod` can recover them.
 */
export function addVideoIssue(context: z.RefinementCtx, issue: VideoIssue): void {
  context.addIssue({
    code: 'custom',
    message: issue.message.en,
    path: issue.path ?? [],
    params: { videoCode: issue.code, videoParams: issue.params, zh: issue.message.zh },
  });
}

/**
 * zod issues → video issues: ours come back as they were added; zod's own
 * are explained by `explain` (by path) when it knows the field, else become
 * `invalidValue` naming the path.
 */
export function videoIssuesFromZod(error: z.ZodError, explain: (path: (string | number)[]) => VideoIssue | null = () => null): VideoIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    const params = issue.code === 'custom' ? (issue.params as { videoCode?: VideoMessageCode; videoParams?: VideoMessageParams } | undefined) : undefined;
    if (params?.videoCode && params.videoCode in videoMessages) return videoIssue(params.videoCode, params.videoParams ?? {}, path);
    return explain(path) ?? videoIssue('invalidValue', { field: path.join('.') || '(root)' }, path);
  });
}
