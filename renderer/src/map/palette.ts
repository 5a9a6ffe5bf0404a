/**
 * The map's colours, read across a dark room: colour only where it means
 * something (theme.css: red urgent/overdue, amber attention, green live,
 * blue selection), the district in quiet slate, the room's own sub-district
 * a step brighter than its neighbours.
 */
export const palette = {
  background: '#0a0e13',
  homeFill: '#17293b',
  otherFill: '#0f1721',
  homeOutline: '#e6edf5',
  otherOutline: '#5d7085',
  workstationLine: '#3f546b',
  gridLine: '#2b3b4d',
  gridLabel: '#90a3b6',
  water: '#1b4566',
  waterLabel: '#86bde8',
  road: '#3a4756',
  roadLabel: '#b6c3cf',
  stationFill: '#eef2f6',
  stationLabel: '#dfe7ef',
  subDistrictLabel: '#eef2f6',
  halo: '#0a0e13',
  select: '#4da3ff',
  urgent: '#ff5449',
  attention: '#ffb020',
  live: '#3ddc84',
  supervised: '#d46bff',
  calm: '#8a9bb0',
  text: '#eef2f6',
  frozen: '#ff5449',
  offline: '#8a939e',
  unknown: '#53657a',
  densityLow: '#3b2a14',
  densityMid: '#b8641c',
  densityHigh: '#ffa23a',
} as const;

/** CJK text from the machine's own fonts (no glyph server: the room works offline). */
export const localFontFamily = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
/** Style font names are only a weight hint when glyphs are drawn locally. */
export const textFont = ['Noto Sans Regular'];
export const boldFont = ['Noto Sans Bold'];
