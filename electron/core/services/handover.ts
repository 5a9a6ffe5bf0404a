import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { handoverSectionLimit, handoverSections, type HandoverReport, type ReferenceData, type TimelineEntry } from '../../../shared/contract/contract';
import { isOverdue, supervisionLevel, type Case } from '../../../shared/domain/case';
import type { CaseStore } from '../store/caseStore';
import type { Camera } from '../../../shared/video/camera';
import type { VideoCoverage } from '../../../shared/video/videoState';

/** Events a shift hands over: what was decided, not every keystroke. */
export const keyEventKinds = ['dispatch', 'returnCase', 'hang', 'resume', 'void', 'merge', 'rework', 'approveExtension', 'refuseExtension', 'reopen', 'markedUrgent', 'supervise'];

/**
 * The shift handover (交接班): what the next shift must know — open, urgent,
 * about-to-expire, overdue, hung and returned cases, and the shift's key
 * decisions. Built from the store; written as a printable HTML file too.
 */
export function buildHandover(store: CaseStore, input: { from: number; to: number; now: number; operatorNames: Map<string, string> }): HandoverReport {
  const open = store.allOpen();
  const hungQuery = store.query(
    { statuses: ['hung'], sourceIds: [], categoryPrefixes: [], gridIds: [], departmentIds: [], urgent: null, overdue: null, supervised: null, text: '', sort: 'deadline', offset: 0, limit: 500 },
    input.now,
  );
  const hung = hungQuery.cases;
  const byDeadline = (a: Case, b: Case) => (a.deadlineAt ?? Infinity) - (b.deadlineAt ?? Infinity);
  // Key events are case actions: each names its case.
  const events = store.audit.between(input.from, input.to, keyEventKinds).map(
    (event): TimelineEntry => ({ ...event, caseId: event.caseId!, data: (event.data ?? {}) as Record<string, unknown>, actorName: input.operatorNames.get(event.actor) ?? event.actor }),
  );
  const created = store.audit.countBetween(input.from, input.to, 'created');
  const closed = store.audit.countBetween(input.from, input.to, 'close');
  const sections = {
    urgent: open.filter((item) => item.urgent),
    overdue: open.filter((item) => isOverdue(item, input.now)).sort(byDeadline),
    aboutToExpire: open.filter((item) => !isOverdue(item, input.now) && supervisionLevel(item, input.now) >= 2).sort(byDeadline),
    hung,
    returned: open.filter((item) => item.status === 'registered' && item.returnCount > 0),
  };
  return {
    from: input.from,
    to: input.to,
    generatedAt: input.now,
    counts: { open: open.length, createdInShift: created, closedInShift: closed },
    sectionTotals: { ...(Object.fromEntries(handoverSections.map((section) => [section, sections[section].length])) as HandoverReport['sectionTotals']), hung: hungQuery.total },
    ...sections,
    keyEvents: events,
    caseNumbers: Object.fromEntries([...open, ...hung, ...store.byIds([...new Set(events.map((event) => event.caseId))])].map((item) => [item.id, item.number])),
  };
}

/** The report as a window receives it: each section cut to its first `handoverSectionLimit` cases (totals stay whole). */
export function handoverForWindow(report: HandoverReport): HandoverReport {
  const trimmed = { ...report };
  for (const section of handoverSections) trimmed[section] = report[section].slice(0, handoverSectionLimit);
  return trimmed;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

const time = (at: number | null) =>
  at === null ? '—' : new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);

/** A standalone page a printer or a colleague's browser opens as is (everything escaped: case text is user input). */
export function handoverHtml(report: HandoverReport, reference: ReferenceData, actionName: (kind: string) => string): string {
  const categories = new Map(reference.categories.map((category) => [category.code, category.name.zh]));
  const departments = new Map(reference.departments.map((department) => [department.id, department.shortName.zh]));
  const table = (title: string, cases: Case[]) => `
    <h2>${escapeHtml(title)}（${cases.length}）</h2>
    ${
      cases.length === 0
        ? '<p>无</p>'
        : `<table><thead><tr><th>编号</th><th>类别</th><th>位置</th><th>主办</th><th>时限</th><th>描述</th></tr></thead><tbody>${cases
            .map(
              (item) =>
                `<tr><td>${escapeHtml(item.number)}</td><td>${escapeHtml(categories.get(item.categoryCode) ?? item.categoryCode)}</td><td>${escapeHtml(item.address)}</td><td>${escapeHtml(
                  departments.get(item.leadDepartmentId ?? '') ?? '—',
                )}</td><td>${time(item.deadlineAt)}</td><td>${escapeHtml(item.description)}</td></tr>`,
            )
            .join('')}</tbody></table>`
    }`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>交接班报告 ${time(report.from)}–${time(report.to)}</title>
<style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:24px;color:#000}table{border-collapse:collapse;width:100%;margin-bottom:12px}
td,th{border:1px solid #888;padding:4px 6px;font-size:13px;text-align:left;vertical-align:top}h1{font-size:22px}h2{font-size:17px;margin-top:20px}</style></head>
<body><h1>交接班报告 · Shift handover</h1>
<p>班次 ${time(report.from)} – ${time(report.to)}，生成于 ${time(report.generatedAt)}。待办 ${report.counts.open} 件，本班新增 ${report.counts.createdInShift} 件，本班结案 ${report.counts.closedInShift} 件。</p>
${table('紧急案件', report.urgent)}${table('已超期', report.overdue)}${table('即将超期', report.aboutToExpire)}${table('挂账案件', report.hung)}${table('被退回待重派', report.returned)}
<h2>本班关键事件（${report.keyEvents.length}）</h2>
<table><thead><tr><th>时间</th><th>案件</th><th>操作</th><th>操作员</th><th>原因</th></tr></thead><tbody>${report.keyEvents
    .map(
      (event) =>
        `<tr><td>${time(event.at)}</td><td>${escapeHtml(report.caseNumbers[event.caseId] ?? String(event.caseId))}</td><td>${escapeHtml(actionName(event.kind))}</td><td>${escapeHtml(event.actorName)}</td><td>${escapeHtml(
          String(event.data.reason ?? ''),
        )}</td></tr>`,
    )
    .join('')}</tbody></table>${videoSection(report)}</body></html>`;
}

/** Writes the report next to the database, named by shift end; returns the path. */
export function writeHandoverFile(dir: string, report: HandoverReport, reference: ReferenceData, actionName: (kind: string) => string): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(report.to + 8 * 3_600_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const path = join(dir, `handover-${stamp}.html`);
  writeFileSync(path, handoverHtml(report, reference, actionName), 'utf8');
  return path;
}

/** The shift's video coverage for the report: per slot, how many cameras were shown and the names of those never shown. */
export function handoverVideo(coverage: VideoCoverage, cameras: readonly Camera[]): NonNullable<HandoverReport['video']> {
  const names = new Map(cameras.map((camera) => [camera.id, camera.name.zh]));
  return coverage.slots.map((slot) => ({
    slotId: slot.slotId,
    name: slot.name,
    shown: Object.keys(slot.seconds).length,
    notShown: slot.notShown.map((id) => names.get(id) ?? id),
  }));
}

function videoSection(report: HandoverReport): string {
  if (!report.video || report.video.length === 0) return '';
  return `<h2>视频覆盖 · Video coverage</h2>
<table><thead><tr><th>时段</th><th>上墙摄像机</th><th>本时段未上墙</th></tr></thead><tbody>${report.video
    .map((slot) => `<tr><td>${escapeHtml(slot.name.zh)}</td><td>${slot.shown}</td><td>${escapeHtml(slot.notShown.join('、') || '无')}</td></tr>`)
    .join('')}</tbody></table>`;
}
