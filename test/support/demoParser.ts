import type { ParserContext } from '../../shared/commands/parser';
import type { ReferenceData } from '../../shared/contract/contract';
import { demoReferenceDir, readReferenceFolder } from '../../electron/core/demo/seed';
import { createParserContext } from '../../electron/core/services/commandService';
import { indexReferenceData } from '../../electron/core/services/referenceIndex';
import { resourcesDir } from './testCore';

/** The parser as the demo room has it (without cameras): built the way the core builds it. */
export function demoParserContext(): ParserContext {
  return createParserContext(indexReferenceData(readReferenceFolder(demoReferenceDir(resourcesDir))), []);
}

/** The parser of a room that differs from the demo: `change` gets the demo's reference data and returns the room's. */
export function roomParserContext(change: (demo: ReferenceData) => ReferenceData): ParserContext {
  return createParserContext(indexReferenceData(change(readReferenceFolder(demoReferenceDir(resourcesDir)))), []);
}
