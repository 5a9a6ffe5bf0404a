import { createI18n, parseLocale } from '../../../shared/i18n/index';
import '../shell/theme.css';
import './setup.css';

/** A display's number in big type, on the display itself, while the wall setup view is open. */
const params = new URL(window.location.href).searchParams;
const i18n = createI18n(parseLocale(params.get('lang')));
const number = Number(params.get('n'));
const root = document.getElementById('identify')!;
const big = document.createElement('div');
big.className = 'identify-number';
big.textContent = Number.isInteger(number) && number > 0 ? String(number) : '?';
const caption = document.createElement('div');
caption.className = 'identify-caption';
caption.textContent = `${i18n.t('identify.display', { n: big.textContent })} · ${params.get('size') ?? ''}`;
root.append(big, caption);
