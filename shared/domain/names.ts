/** Every user-facing name is kept in both UI languages; zh-CN is the default. */
export interface Name {
  zh: string;
  en: string;
}

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];
export const defaultLocale: Locale = 'zh-CN';

export function localName(name: Name, locale: Locale): string {
  return locale === 'en' ? name.en : name.zh;
}
