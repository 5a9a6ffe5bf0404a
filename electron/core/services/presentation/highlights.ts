import { z } from 'zod';
import { maxHighlights, type HighlightChoice } from '../../../../shared/contract/contract';
import type { Highlight, HighlightStep } from '../../../../shared/presentation/figures';
import { CoreError } from '../../errors';
import type { AuditTrail } from '../../store/auditTrail';
import type { Db } from '../../store/database';
import type { PresentationReads } from '../../store/presentationReads';
import { getSetting, setSetting } from '../../store/referenceStore';
import type { Actor, RoomAudit } from '../actors';

const settingKey = 'presentation.highlights';
const StoredSchema = z.array(z.object({ caseId: z.number().int().positive(), before: z.array(z.number().int().positive()), after: z.array(z.number().int().positive()) }));
type Stored = z.infer<typeof StoredSchema>[number];

/** Audit kinds a highlight's timeline tells, and how it names them: what happened, never who or why. */
const stepOfKind: Record<string, HighlightStep['kind']> = {
  created: 'reported',
  register: 'registered',
  dispatch: 'dispatched',
  startHandling: 'handling',
  reportBack: 'reportedBack',
  close: 'closed',
};

/**
 * The closed cases the duty director chose to show visitors, with the
 * pictures released for each as "before" and "after". Only the director
 * chooses; every choice is audited on the case. A picture that is not
 * released here never reaches a presentation window.
 */
export function createHighlights(deps: { db: Db; reads: PresentationReads; audit: AuditTrail; roomAudit: RoomAudit; onChange: () => void }) {
  const { reads } = deps;
  const load = (): Stored[] => {
    const stored = getSetting(deps.db, settingKey);
    const parsed = stored ? StoredSchema.safeParse(JSON.parse(stored)) : null;
    return parsed?.success ? parsed.data : [];
  };
  let chosen = load();

  /** A choice as the director's set-up shows it; a case that stopped being closed (reopened) drops out. */
  const choiceOf = (entry: Stored): HighlightChoice | null => {
    const row = reads.highlightCase(entry.caseId);
    if (!row || row.status !== 'closed') return null;
    return { caseId: row.id, number: row.number, categoryCode: row.category_code, closedAt: row.closed_at, before: entry.before, after: entry.after };
  };

  function checkPictures(caseId: number, before: readonly number[], after: readonly number[]): void {
    const own = new Set(reads.attachmentIdsOf(caseId));
    const foreign = [...before, ...after].filter((id) => !own.has(id));
    if (foreign.length > 0) throw new CoreError('pictureNotOfCase', { ids: foreign.join(', ') }, [{ path: 'before', message: 'other' }]);
  }

  return {
    choices: (): HighlightChoice[] => chosen.map(choiceOf).filter((choice): choice is HighlightChoice => choice !== null),
    get count(): number {
      return this.choices().length;
    },

    choose(input: { caseId: number; chosen: boolean; before: number[]; after: number[] }, actor: Actor): void {
      if (actor.role !== 'director') throw new CoreError('directorOnly', { action: 'chooseHighlight' });
      const row = reads.highlightCase(input.caseId);
      if (!row) throw new CoreError('notFound', { id: input.caseId });
      const others = chosen.filter((entry) => entry.caseId !== input.caseId);
      if (input.chosen) {
        if (row.status !== 'closed') throw new CoreError('highlightNotClosed', { number: row.number });
        checkPictures(input.caseId, input.before, input.after);
        const existing = chosen.findIndex((entry) => entry.caseId === input.caseId);
        if (existing < 0 && others.length >= maxHighlights) throw new CoreError('tooManyHighlights', { max: maxHighlights });
        const entry = { caseId: input.caseId, before: [...new Set(input.before)], after: [...new Set(input.after)] };
        chosen = existing < 0 ? [...others, entry] : chosen.map((item) => (item.caseId === input.caseId ? entry : item));
      } else {
        chosen = others;
      }
      setSetting(deps.db, settingKey, JSON.stringify(chosen));
      deps.roomAudit(actor, input.chosen ? 'presentation.highlightChosen' : 'presentation.highlightDropped', { before: input.before, after: input.after }, input.caseId);
      deps.onChange();
    },

    /** Whether a picture was released for presentation (on a case that is still a highlight). */
    released(attachmentId: number): boolean {
      return this.choices().some((choice) => choice.before.includes(attachmentId) || choice.after.includes(attachmentId));
    },

    /** The highlights as visitors see them: category, source, grid, times, the units that acted; no number, no words typed by anyone. */
    forVisitors(): Highlight[] {
      return this.choices().map((choice, index) => {
        const row = reads.highlightCase(choice.caseId)!;
        return {
          position: index + 1,
          categoryCode: row.category_code,
          sourceId: row.source_id,
          gridId: row.grid_id,
          reportedAt: row.reported_at,
          closedAt: row.closed_at,
          steps: stepsOf(deps.audit, choice.caseId),
          before: choice.before,
          after: choice.after,
        };
      });
    },
  };
}
export type Highlights = ReturnType<typeof createHighlights>;

function stepsOf(audit: AuditTrail, caseId: number): HighlightStep[] {
  return audit.ofCase(caseId).flatMap((event): HighlightStep[] => {
    const kind = stepOfKind[event.kind];
    if (!kind) return [];
    const data = (event.data ?? {}) as { leadDepartmentId?: unknown; helperDepartmentIds?: unknown };
    const departments = kind === 'dispatched' ? [data.leadDepartmentId, ...(Array.isArray(data.helperDepartmentIds) ? data.helperDepartmentIds : [])] : [];
    return [{ kind, at: event.at, departmentIds: departments.filter((id): id is string => typeof id === 'string') }];
  });
}
