import { layoutWords, presentationSwitch, videoModules, type CommandKind, type VideoModule } from '../grammar';
import { wordsPattern, type Reading } from './reading';
import type { VerbReading } from './verb';

export interface WallReading {
  /** The verb may turn out to be another wall command: "切换九宫格" switches the layout. */
  kind: CommandKind | null;
  screen: number | null;
  layout: number | null;
  module: VideoModule | null;
  presentation: boolean | null;
}

/** "屏11", "11号屏", "screen 11" inside a sentence: the tile the incident was seen on. */
const screenMentionPattern = /(?:大屏|屏幕|屏)\s*(\d{1,3})(?!\d)\s*号?|(?<!\d)(\d{1,3})\s*号\s*(?:大屏|屏幕|屏)|\b(?:screen|scr)\s*(\d{1,3})\b/i;
const screenNumberPattern = /^\s*(?:no\.?\s*)?(\d{1,3})\s*(?:号屏?)?/i;
const spokenLayoutPattern = /^(\d{1,2})\s*(?:分屏|画面|宫格)$/;
const numericLayoutPattern = /(\d)\s*[x×*]\s*(\d)|(\d{1,2})/;
const switchOn = new RegExp(`^(?:${wordsPattern([...presentationSwitch.on.zh, ...presentationSwitch.on.en])})`, 'i');
const switchOff = new RegExp(`^(?:${wordsPattern([...presentationSwitch.off.zh, ...presentationSwitch.off.en])})`, 'i');
/** "进入演示模式" / "退出演示": the switch word comes first. */
const presentationFirst = /^(进入|开启|打开|退出|关闭|结束|enter|exit|leave|start|stop)\s*(演示模式|演示|汇报模式|presentation(?: mode)?)$/i;

/** The arguments of the wall's own commands: screen numbers, layouts, video modules, presentation. */
export function readWallArguments(reading: Reading, verb: VerbReading): WallReading {
  const { text, spans } = reading;
  const verbEnd = verb.span?.end ?? 0;
  const rest = text.slice(verbEnd).toLowerCase();
  const wall: WallReading = { kind: verb.kind, screen: verb.screen, layout: null, module: null, presentation: null };
  if (wall.kind === 'screen' && wall.screen === null) {
    const number = screenNumberPattern.exec(rest);
    if (number) {
      wall.screen = Number(number[1]);
      spans.take({ start: verbEnd, end: verbEnd + number[0].length });
    }
  }
  if (wall.kind !== 'screen') readScreenMention(reading, wall);
  if (wall.kind === 'module') readModule(reading, wall, rest, verbEnd);
  if (wall.kind === 'layout') readLayout(reading, wall, rest, verbEnd);
  if (wall.kind === null) readWholeLineWallCommand(reading, wall);
  if (wall.kind === 'presentation' && wall.presentation === null && verb.kind === 'presentation') {
    const setting = rest.trim().replace(/^(?:mode|模式)\s*/, '');
    if (switchOn.test(setting)) wall.presentation = true;
    if (switchOff.test(setting)) wall.presentation = false;
    spans.take({ start: verbEnd, end: text.length });
  }
  return wall;
}

function readScreenMention(reading: Reading, wall: WallReading): void {
  // "屏11 两个摊头": a sentence may say which tile it was seen on.
  const mention = screenMentionPattern.exec(reading.text);
  const span = mention && { start: mention.index, end: mention.index + mention[0].length };
  if (!mention || !span || !reading.spans.isFree(span)) return;
  wall.screen = Number(mention[1] ?? mention[2] ?? mention[3]);
  reading.spans.take(span);
}

function readModule(reading: Reading, wall: WallReading, rest: string, verbEnd: number): void {
  for (const [module, words] of Object.entries(videoModules) as [VideoModule, { zh: readonly string[]; en: readonly string[] }][]) {
    if ([...words.zh, ...words.en].some((word) => rest.includes(word))) wall.module = module;
  }
  // "切换九宫格" switches the layout, not the module.
  if (wall.module === null && (Object.keys(layoutWords).some((word) => rest.includes(word)) || /\d/.test(rest))) wall.kind = 'layout';
  else reading.spans.take({ start: verbEnd, end: reading.text.length });
}

function readLayout(reading: Reading, wall: WallReading, rest: string, verbEnd: number): void {
  const layoutWord = Object.keys(layoutWords).find((word) => rest.includes(word));
  const numeric = numericLayoutPattern.exec(rest);
  if (layoutWord) wall.layout = layoutWords[layoutWord]!;
  else if (numeric?.[2]) wall.layout = Number(numeric[1]) * Number(numeric[2]);
  else if (numeric?.[3]) wall.layout = Number(numeric[3]);
  reading.spans.take({ start: verbEnd, end: reading.text.length });
}

/** "九宫格", "16分屏", "进入演示模式": a whole line that is a wall command without a leading verb. */
function readWholeLineWallCommand(reading: Reading, wall: WallReading): void {
  const { text, spans } = reading;
  const spoken = spokenLayoutPattern.exec(text) ?? (layoutWords[text] ? [text, String(layoutWords[text])] : null);
  if (spoken) {
    wall.kind = 'layout';
    wall.layout = Number(spoken[1]);
    spans.takeAll();
    return;
  }
  const presentation = presentationFirst.exec(text);
  if (presentation) {
    wall.kind = 'presentation';
    wall.presentation = /^(进入|开启|打开|enter|start)/i.test(presentation[1]!);
    spans.takeAll();
  }
}
