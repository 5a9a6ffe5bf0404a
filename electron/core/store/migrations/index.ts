import { initialSchema } from './0010-initial';

export interface Migration {
  /** Numbered in steps of 10 so a fix can slot in between; never renumber a shipped one. */
  version: number;
  name: string;
  up: string;
}

/** Ordered; append only. */
export const migrations: readonly Migration[] = [initialSchema];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
