import { chromium } from '@playwright/test';
import type { ReferenceData } from '../../shared/contract/contract';
import { parseCommand, type ParserContext } from '../../shared/commands/parser';
import { buildVocabulary } from '../../shared/commands/vocabulary';
import type { LngLat } from '../../shared/domain/district';
import { createGridLocator } from '../../shared/domain/locate';
import { demoReferenceDir, readCameras, readReferenceFolder } from '../../electron/core/demo/seed';
import { chromiumArgs, systemChromium } from '../../test/support/chromium';
import { resourcesDir } from '../../test/support/testCore';
import { startWallProcess, type WallUrls } from '../../test/support/wallProcess';
import { median, percentile, round } from './stats';
import { watchStatusChanges } from './sync';

const gazetteerSize = 5_000;
const sentenceLength = 100;

/**
 * The command language's two promises:
 *  - parse: a spoken-style sentence of 100 characters against a gazetteer
 *    of 5,000 entries (the demo's own, plus synthetic roads and places of a
 *    bigger district) and the demo's full lexicon (every minor category,
 *    word combinations, department words), p95 ≤ 2 ms;
 *  - hotkey: in one queue window a digit dispatches the selected case;
 *    the time until another queue window shows it dispatched, p95 ≤ 50 ms.
 */
export async function commandsBench() {
  const parse = parseTimes(Number(process.env.GRIDWALL_BENCH_SAMPLES ?? 3_000));
  const wall = await startWallProcess();
  try {
    const hotkey = await hotkeyLatencies(wall.urls, Number(process.env.GRIDWALL_BENCH_HOTKEY_SAMPLES ?? 40));
    return {
      gazetteer_entries: parse.entries,
      lexicon_words: parse.lexiconWords,
      lexicon_combinations: parse.combinations,
      vocabulary_build_ms: round(parse.buildMs, 1),
      sentence_chars: parse.sentenceChars,
      parse_samples: parse.ms.length,
      parse_p50_ms: round(median(parse.ms), 3),
      parse_p95_ms: round(percentile(parse.ms, 95), 3),
      parse_max_ms: round(Math.max(...parse.ms), 3),
      hotkey_samples: hotkey.dispatch.length,
      hotkey_to_other_window_p50_ms: round(median(hotkey.dispatch)),
      hotkey_to_other_window_p95_ms: round(percentile(hotkey.dispatch, 95)),
      // Baseline in the same run: "R" (register, a plain case action without the command path).
      register_key_to_other_window_p50_ms: round(median(hotkey.register)),
      register_key_to_other_window_p95_ms: round(percentile(hotkey.register, 95)),
    };
  } finally {
    await wall.stop();
  }
}

/** Names made of common place-name characters: 5,000 roads and places on top of the demo's. */
function biggerDistrict(demo: ReferenceData): { data: ReferenceData; roads: string[]; places: string[] } {
  const characters = [...new Set('安宝北长昌成大德东方丰福广海汉和恒红华淮江金锦京景康乐临灵龙民明南宁平浦普秦青庆瑞山上胜石寿顺泰天通万文西祥新兴延阳永裕振中')];
  const names: string[] = [];
  for (const first of characters) for (const second of characters) if (first !== second) names.push(first + second);
  const [bbox0, bbox1, bbox2, bbox3] = demo.geography.bbox;
  const point = (index: number): LngLat => [bbox0 + ((index * 37) % 1000) / 1000 * (bbox2 - bbox0), bbox1 + ((index * 61) % 1000) / 1000 * (bbox3 - bbox1)];
  // A synthetic name never repeats a real one: the parser would rightly call that ambiguous.
  const taken = new Set([...demo.geography.roads, ...demo.geography.places].flatMap((item) => [item.name.zh, ...item.aliases]));
  const unused = (candidates: string[]) => candidates.filter((name) => !taken.has(name));
  const roads = unused(names.map((name) => `${name}路`)).slice(0, gazetteerSize / 2);
  const places = unused(names.flatMap((name) => ['小区', '公园', '菜场', '小学'].map((kind) => `${name}${kind}`))).slice(0, gazetteerSize / 2);
  const data: ReferenceData = {
    ...demo,
    geography: {
      ...demo.geography,
      roads: [
        ...demo.geography.roads,
        ...roads.map((name, index) => ({ id: `SR${index}`, name: { zh: name, en: `Synthetic Road ${index}` }, aliases: [], line: [point(index), point(index + 1)], houseNumbers: { from: 1, to: 2000 } })),
      ],
      places: [...demo.geography.places, ...places.map((name, index) => ({ id: `SP${index}`, kind: 'landmark' as const, name: { zh: name, en: `Synthetic Place ${index}` }, aliases: [], lngLat: point(index * 3) }))],
    },
  };
  return { data, roads, places };
}

function parseTimes(samples: number) {
  const demo = readReferenceFolder(demoReferenceDir(resourcesDir));
  const { data, roads, places } = biggerDistrict(demo);
  const started = performance.now();
  const vocabulary = buildVocabulary({ ...data, cameras: readCameras(demoReferenceDir(resourcesDir)) });
  const buildMs = performance.now() - started;
  const context: ParserContext = { vocabulary, geography: data.geography, locate: createGridLocator(data.geography) };
  const entries = data.geography.roads.length + data.geography.places.length;

  // Varied sentences of exactly 100 characters: a road and number, a place, problems, departments, urgency.
  const sentence = (index: number) => {
    const text =
      `凌晨四点网格员报告${roads[index % roads.length]}${(index % 900) + 1}号门口有${(index % 9) + 2}个摊头占道经营，` +
      `还有一辆面包车违停堵住了公交站，${places[(index * 7) % places.length]}附近也有人乱扔垃圾，影响居民通行，` +
      `请城管、交警和环卫联合处置，马上去现场，处理完及时反馈，注意安全，情况紧急，拍照取证后上报中心。`;
    return Array.from(text).slice(0, sentenceLength).join('').padEnd(sentenceLength, '。');
  };
  for (let index = 0; index < 200; index++) parseCommand(sentence(index), context);
  const ms: number[] = [];
  for (let index = 0; index < samples; index++) {
    const text = sentence(index);
    const begin = performance.now();
    const parse = parseCommand(text, context);
    ms.push(performance.now() - begin);
    if (parse.kind !== 'newCase' || !parse.location?.road) throw new Error(`bench sentence not understood: ${text} ${JSON.stringify({ kind: parse.kind, location: parse.location, ambiguities: parse.ambiguities, error: parse.error })}`);
  }
  const lexiconWords = data.lexicon.reduce((sum, entry) => sum + entry.zh.length + entry.en.length, 0);
  return { ms, buildMs, entries, lexiconWords, combinations: vocabulary.combinations.length, sentenceChars: Array.from(sentence(0)).length };
}

/** Two queue windows; in the first, a registered case is selected and "2" (城管) is pressed. */
async function hotkeyLatencies(urls: WallUrls, samples: number): Promise<{ dispatch: number[]; register: number[] }> {
  const browser = await chromium.launch({ executablePath: systemChromium(), args: chromiumArgs });
  try {
    const open = async () => {
      const page = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
      await page.goto(urls.queue);
      await page.locator('.link-open').waitFor();
      return page;
    };
    const [queue, other] = [await open(), await open()];
    await queue.getByRole('button', { name: '签入' }).click();
    await queue.getByLabel('密码').fill('111111');
    await queue.getByLabel('密码').press('Enter');
    await queue.getByTestId('operator').waitFor();
    await other.getByLabel('sort').selectOption('newest');
    await watchStatusChanges(other, 'dispatched');
    await watchStatusChanges(other, 'registered');
    await queue.evaluate(`document.addEventListener('keydown', (event) => { window.keyAt = Object.assign(window.keyAt ?? {}, { [event.key]: Date.now() }); }, true)`);

    const dispatch: number[] = [];
    const register: number[] = [];
    const seenAfterKey = async (status: string, number: string, key: string) =>
      ((await other.evaluate(`window.${status}At[${JSON.stringify(number)}]`)) as number) - ((await queue.evaluate(`window.keyAt[${JSON.stringify(key)}]`)) as number);
    for (let i = 0; i < samples; i++) {
      await queue.getByRole('button', { name: '新建案件' }).click();
      const form = queue.getByRole('form');
      await form.getByLabel('问题描述').fill(`快捷键基准测试案件 ${i}`);
      await form.getByLabel('类别').selectOption('20415');
      await form.getByLabel('来源').selectOption('video');
      await form.getByRole('button', { name: '登记案件' }).click();
      const notice = queue.getByRole('status').filter({ hasText: '已登记' });
      await notice.waitFor();
      const number = (await notice.innerText()).match(/\d{8}-\d{4}/)![0];
      await other.locator(`[data-case-number="${number}"]`).waitFor();
      await queue.locator('body').press('r');
      await other.locator(`[data-case-number="${number}"][data-status="registered"]`).waitFor();
      register.push(await seenAfterKey('registered', number, 'r'));
      await queue.locator('body').press('2');
      await other.locator(`[data-case-number="${number}"][data-status="dispatched"]`).waitFor();
      dispatch.push(await seenAfterKey('dispatched', number, '2'));
    }
    return { dispatch, register };
  } finally {
    await browser.close();
  }
}
