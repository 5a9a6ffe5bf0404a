import type { ErrorCode, ResponseMessage } from '../../shared/contract/messages';
import type { Locale } from '../../shared/domain/names';
import { createI18n } from '../../shared/i18n/index';

const translators = { 'zh-CN': createI18n('zh-CN'), en: createI18n('en') };

/** A refusal the host makes itself (before the core sees a message), in the window's language. */
export function hostRefusal(session: { locale: Locale }, id: number, code: ErrorCode, params: Record<string, string | number> = {}): ResponseMessage {
  return { id, ok: false, error: { code, message: translators[session.locale].t(`errors.${code}`, params) } };
}
