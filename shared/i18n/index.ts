import i18next, { type i18n } from 'i18next';
import { defaultLocale, type Locale } from '../domain/names';
import { en } from './en';
import { zhCN } from './zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

/**
 * A ready i18next instance; the renderer binds it to React, the core uses it
 * for error messages so a window gets them in its own language.
 */
export function createI18n(locale: Locale = defaultLocale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: locale,
    fallbackLng: defaultLocale,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export function parseLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : defaultLocale;
}
