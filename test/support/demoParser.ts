import type { ParserContext } from '../../shared/commands/parser';
import { demoReferenceDir, readReferenceFolder } from '../../electron/core/demo/seed';
import { createParserContext } from '../../electron/core/services/commandService';
import { indexReferenceData } from '../../electron/core/services/referenceIndex';
import { resourcesDir } from './testCore';

/** The parser as the demo room has it (without cameras): built the way the core builds it. */
export function demoParserContext(): ParserContext {
  return createParserContext(indexReferenceData(readReferenceFolder(demoReferenceDir(resourcesDir))), []);
}
