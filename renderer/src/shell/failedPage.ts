import { createI18n, parseLocale } from '../../../shared/i18n/index';
import type { WallWindowKey } from '../../../shared/wall/profile';
import { windowName } from '../setup/windowNames';
import './theme.css';

/**
 * The plain page the shell shows in a window whose page failed again and
 * again: what happened, when it tries again by itself, and a button to try
 * now. No React, no bridge, no core: it must work when little else does.
 */
const params = new URL(window.location.href).searchParams;
const locale = parseLocale(params.get('lang'));
const i18n = createI18n(locale);
document.documentElement.lang = locale;
const t = i18n.t.bind(i18n);

const key = params.get('window') ?? '';
const name = /^(map|queue|presentation|video-[1-8])$/.test(key) ? windowName(t, key as WallWindowKey) : t('app.title');
const reasonKey = `recovery.reason.${params.get('reason') ?? ''}`;
const reason = i18n.exists(reasonKey) ? t(reasonKey) : t('recovery.reason.abnormal-exit');
const retryAt = Number(params.get('retryAt'));
// Only one of our own pages: the button must never lead anywhere else.
const retry = params.get('retry') ?? '';
const retryUrl = /^\/(video|map|queue)\.html\?[\w=&.%-]*$/.test(retry) ? retry : null;

function paragraph(text: string, className: string): HTMLParagraphElement {
  const element = document.createElement('p');
  element.className = className;
  element.textContent = text;
  return element;
}

const root = document.getElementById('failed')!;
const title = document.createElement('h1');
title.textContent = `${t('recovery.title')} · ${name}`;
document.title = `${t('recovery.title')} · ${t('app.title')}`;
root.append(title, paragraph(t('recovery.detail', { window: name, failures: Number(params.get('failures')) || 0, reason }), 'failed-detail'));
if (Number.isFinite(retryAt) && retryAt > 0) {
  const time = new Date(retryAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
  root.append(paragraph(t('recovery.retryAt', { time }), 'failed-retry-at'));
}
root.append(paragraph(t('recovery.others'), 'failed-others'), paragraph(t('recovery.whatToDo'), 'failed-what'));
if (retryUrl) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button-primary failed-retry';
  button.textContent = t('recovery.retry');
  button.addEventListener('click', () => window.location.assign(retryUrl));
  root.append(button);
  button.focus();
}
