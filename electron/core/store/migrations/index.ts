import type { Db } from '../database';
import { initialSchema } from './0010-initial';
import { dispatchSchema } from './0020-dispatch';
import { attachmentsSchema } from './0030-attachments';
import { searchAndOrderSchema } from './0040-search-and-order';
import { statusCategoryIndex } from './0050-status-category';
import { auditSessionsRequests } from './0060-audit-sessions-requests';
import { closedAtIndex } from './0070-closed-at';
import { locationApproximate } from './0080-location-approximate';
import { syncSchema } from './0090-sync';

export interface Migration {
  /** Numbered in steps of 10 so a fix can slot in between; never renumber a shipped one. */
  version: number;
  name: string;
  /** SQL, or a function for a migration that must compute (it runs inside the migration transaction). */
  up: string | ((db: Db) => void);
}

/** Ordered; append only. */
export const migrations: readonly Migration[] = [initialSchema, dispatchSchema, attachmentsSchema, searchAndOrderSchema, statusCategoryIndex, auditSessionsRequests, closedAtIndex, locationApproximate, syncSchema];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
