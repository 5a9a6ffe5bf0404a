import type { ParserContext } from '../../shared/commands/parser';
import { buildVocabulary } from '../../shared/commands/vocabulary';
import { createGridLocator } from '../../shared/domain/locate';
import { demoReferenceDir, readReferenceFolder } from '../../electron/core/demo/seed';
import { resourcesDir } from './testCore';

/** The parser as the demo room has it: its district, departments, taxonomy and lexicon (validated as the core reads them). */
export function demoParserContext(): ParserContext {
  const data = readReferenceFolder(demoReferenceDir(resourcesDir));
  return { vocabulary: buildVocabulary(data), geography: data.geography, locate: createGridLocator(data.geography) };
}
