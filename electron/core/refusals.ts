import type { i18n } from 'i18next';
import type { ZodError } from 'zod';
import type { ContractError, ResponseMessage } from '../../shared/contract/messages';
import type { Locale } from '../../shared/domain/names';

/**
 * Turns a refusal into the error a window shows: a code and a message
 * already in the session's language, and for forms, which fields were wrong.
 */
export function createRefusals(translators: Record<Locale, i18n>) {
  function refuse(id: number, locale: Locale, code: ContractError['code'], params: Record<string, string | number> = {}, fields?: ContractError['fields']): ResponseMessage & { ok: false } {
    const t = translators[locale];
    // Lifecycle refusals name the status and actions in the window's language.
    const named = {
      ...params,
      ...(params.status ? { statusName: t.t(`status.${params.status}`) } : {}),
      ...(params.action ? { actionName: t.t(`actions.${params.action}`) } : {}),
      ...(params.allowed !== undefined
        ? { allowedNames: String(params.allowed).split(',').filter(Boolean).map((action) => t.t(`actions.${action}`)).join('、') || '—' }
        : {}),
    };
    const error: ContractError = { code, message: t.t(`errors.${code}`, named) };
    if (fields) error.fields = fields;
    return { id, ok: false, error };
  }

  /** Which fields a schema refused, each with a message a form can show next to it. */
  function fieldErrors(error: ZodError, locale: Locale): NonNullable<ContractError['fields']> {
    const t = translators[locale];
    return error.issues.map((issue) => {
      const path = issue.path.join('.');
      const key = [issue.message, String(issue.path.at(-1) ?? ''), String(issue.path[0] ?? '')].find((candidate) => t.exists(`errors.field.${candidate}`));
      return { path, message: t.t(`errors.field.${key ?? 'other'}`) };
    });
  }

  return { refuse, fieldErrors };
}
export type Refusals = ReturnType<typeof createRefusals>;
