import { initReactI18next } from 'react-i18next';
import { createI18n, parseLocale } from '../../../shared/i18n/index';

/** zh-CN unless the window's URL asks for English (`?lang=en`). */
export const locale = parseLocale(new URL(window.location.href).searchParams.get('lang'));
export const i18n = createI18n(locale);
void i18n.use(initReactI18next);
// The instance was initialised before the React binding was attached; hand it over.
initReactI18next.init(i18n);
document.documentElement.lang = locale;

/** The window's words for code outside React (the bridge's own refusals, the sign-in watch). */
export const translate = (key: string, values?: Record<string, unknown>): string => i18n.t(key, values);
