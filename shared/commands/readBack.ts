import type { TFunction } from 'i18next';
import type { Locale } from '../domain/names';
import type { Ambiguity, CaseRef, Parse } from './parseResult';
import { recentSerialDays } from './resolveCase';

/**
 * The one line the bar reads back before anything acts: what will be done,
 * to which case, by whom, where — then what was not understood and what is
 * ambiguous. Empty parts are left out.
 */
export interface ReadBackOptions {
  locale: Locale;
  /** The name of a category's default lead department: a new case with no department named goes there. */
  defaultLeadName?: (categoryCode: string) => string | null;
  /** false: only what will be done, without the notes on ambiguity and unknown words (the "done" line). */
  notes?: boolean;
}

export function readBack(parse: Parse, t: TFunction, options: ReadBackOptions = { locale: 'zh-CN' }): string {
  const parts: string[] = [];
  const caseText = (ref: CaseRef | null) => {
    if (ref === null) return '';
    if (ref.kind === 'selected') return t('commands.selected');
    if (ref.kind === 'serial') return t('commands.serial', { serial: String(ref.serial).padStart(4, '0') });
    // A serial resolved to another day says so: today's was meant more often.
    return t('commands.caseNumber', { number: ref.number }) + (ref.serial !== undefined && ref.today === false ? t('commands.notToday') : '');
  };
  const urgent = () => (parse.urgency !== 'urgent' ? '' : parse.urgencyFrom === 'category' ? t('commands.urgentByCategory') : t('commands.urgent'));
  const separator = options.locale === 'en' ? ', ' : '，';
  const departments = () => {
    const fallback = parse.kind === 'newCase' && parse.category ? options.defaultLeadName?.(parse.category.code) : null;
    if (parse.departments.length === 0 && fallback) return `${t('commands.to')} ${fallback}${t('commands.byDefault')}`;
    if (parse.departments.length === 0) return '';
    const [lead, ...helpers] = parse.departments;
    return [`${t('commands.to')} ${lead!.name}`, helpers.length ? `${t('commands.helpers')} ${helpers.map((item) => item.name).join('、')}` : ''].filter(Boolean).join(separator);
  };

  if (parse.kind) parts.push(t(`commands.kinds.${parse.kind}`));
  switch (parse.kind) {
    case 'newCase': {
      const where = parse.location ? [parse.location.text, parse.location.exit === null || /口|exit/i.test(parse.location.text) ? '' : t('commands.exit', { exit: parse.location.exit })].join('') : parse.screen === null ? t('commands.unlocated') : '';
      parts.push(where);
      // Seen on a screen: the tile's camera can place it when no place was named.
      if (parse.screen !== null) parts.push(t('commands.screen', { screen: parse.screen }));
      if (parse.category) parts.push(`${parse.category.major}/${parse.category.minor}`);
      if (parse.count !== null) parts.push(t('commands.count', { count: parse.count }));
      parts.push(departments(), urgent());
      break;
    }
    case 'dispatch':
    case 'assist':
      parts.push(caseText(parse.caseRef), departments(), urgent());
      break;
    case 'supervise':
      parts.push(caseText(parse.caseRef), parse.level === null ? t('commands.levelUp') : t('commands.level', { level: parse.level }));
      break;
    case 'merge':
      parts.push(caseText(parse.caseRef), `${t('commands.into')} ${caseText(parse.targetCaseRef)}`);
      break;
    case 'return':
    case 'void':
    case 'close':
    case 'reopen':
    case 'urgent':
      parts.push(caseText(parse.caseRef));
      break;
    case 'screen':
      if (parse.screen !== null) parts.push(t('commands.screen', { screen: parse.screen }));
      if (parse.camera) parts.push(parse.camera.name);
      else if (parse.location) parts.push(t('commands.nearestCamera', { place: parse.location.text }));
      break;
    case 'layout':
      if (parse.layout !== null) parts.push(t('commands.layout', { layout: parse.layout }));
      break;
    case 'module':
      if (parse.module) parts.push(t(`commands.modules.${parse.module}`));
      break;
    case 'presentation':
      parts.push(t(parse.presentation === null ? 'commands.presentationToggle' : parse.presentation ? 'commands.presentationOn' : 'commands.presentationOff'));
      break;
    default:
      break;
  }
  if (parse.reason) parts.push(t('commands.reason', { reason: parse.reason }));
  let line = parts.filter(Boolean).join(' · ');
  const notes = [
    ...parse.ambiguities.map((item) => ambiguityText(item, t)),
    parse.unknownWords.length ? t('commands.unknown', { words: parse.unknownWords.join(options.locale === 'en' ? ', ' : '、') }) : '',
  ].filter(Boolean);
  if (parse.error) notes.unshift(t(`commands.errors.${parse.error.code}`, { detail: parse.error.detail ?? '', days: recentSerialDays }));
  if (notes.length && options.notes !== false) line = [line, ...notes].filter(Boolean).join(options.locale === 'en' ? ' — ' : ' —— ');
  return line;
}

function ambiguityText(item: Ambiguity, t: TFunction): string {
  const why = (candidate: Ambiguity['candidates'][number]) => `${candidate.name}（${t(`commands.why.${candidate.why}`)}）`;
  if (item.chosen === null) return t('commands.candidates', { text: item.text, names: item.candidates.map(why).join('、') });
  const chosen = item.candidates.find((candidate) => candidate.id === item.chosen)!;
  return t('commands.chose', { text: item.text, name: chosen.name, others: item.candidates.filter((candidate) => candidate !== chosen).map(why).join('、') });
}

