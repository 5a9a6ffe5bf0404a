import type { CaseLookup } from '../../../shared/commands/resolveCase';
import type { Case } from '../../../shared/domain/case';
import { localName, type Locale, type Name } from '../../../shared/domain/names';

/**
 * How the command bar finds a case named by its serial ("派 0017 交警"):
 * by full number in the store, on the room's clock. The summary lists a
 * candidate by where and what ("光复路200号 乱设摊") when a serial fits
 * several recent days.
 */
export function caseLookup(deps: {
  byNumber: (number: string) => Case | null;
  clock: () => number;
  categoryName: (code: string) => Name | null;
  locale: Locale;
}): CaseLookup {
  return {
    now: deps.clock(),
    find(number) {
      const item = deps.byNumber(number);
      if (!item) return null;
      const category = deps.categoryName(item.categoryCode);
      return { summary: [item.address, category ? localName(category, deps.locale) : ''].filter(Boolean).join(' ') };
    },
  };
}
