import { z } from 'zod';
import { CaseStatusSchema, LngLatSchema } from '../domain/case';

/**
 * The sync protocol between a sub-centre's wall and the district platform
 * (docs/SYNC.md, docs/platform-openapi.yaml). Both sides validate every
 * message with these schemas: objects are strict (an unknown field is a
 * refusal, not something silently dropped), text is bounded and may not
 * carry markup or control characters.
 */
export const syncProtocolVersion = 1;

/** The most actions one upload carries, and the most changes one pull answers with. */
export const maxActionsPerUpload = 500;
export const maxChangesPerPull = 1_000;
/** The largest request body either side accepts (an upload with a few photos). */
export const maxSyncBodyBytes = 8 * 1024 * 1024;

const markup = /<\s*\/?\s*[A-Za-z!?][^>]*>/;
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text a person typed: bounded, no HTML or script markup, no control characters. */
export const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !markup.test(text), { message: 'markup' })
    .refine((text) => !controls.test(text), { message: 'control' });

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
/** A wall's own name for itself, drawn once at random and kept in its database. */
export const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** A case's name both sides agree on: `w.<clientId>.<local id>` for a wall's, `p.<id>` for the platform's. */
export const CaseRefSchema = z.string().regex(/^(w\.[A-Za-z0-9_-]{8,64}\.[1-9][0-9]{0,14}|p\.[1-9][0-9]{0,17})$/);
const Millis = z.number().int().min(0).max(8_640_000_000_000);

export const wallCaseRef = (clientId: string, localId: number) => `w.${clientId}.${localId}`;
export const platformCaseRef = (id: number | string) => `p.${id}`;

/** A case as the two sides exchange it: what the district needs, nothing of the wall's internals. */
export const SyncCaseSchema = z
  .object({
    ref: CaseRefSchema,
    number: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
    description: plainText(2_000),
    categoryCode: z.string().regex(/^[12]\d{4}$/),
    sourceId: Id,
    status: CaseStatusSchema,
    urgent: z.boolean(),
    lngLat: LngLatSchema.nullable(),
    gridId: Id.nullable(),
    workstationId: Id.nullable(),
    subDistrictId: Id.nullable(),
    address: plainText(200),
    leadDepartmentId: Id.nullable(),
    reportedAt: Millis,
    dispatchedAt: Millis.nullable(),
    closedAt: Millis.nullable(),
    updatedAt: Millis,
    reporter: z
      .object({ name: plainText(40), phone: z.string().regex(/^[0-9+\- ]{0,20}$/) })
      .strict()
      .nullable(),
  })
  .strict();
export type SyncCase = z.infer<typeof SyncCaseSchema>;

/** What a wall did: the outbox row's kind (`case.created`, `case.dispatch`, `case.attached` …) and the case after it. */
export const ActionKindSchema = z.string().regex(/^case\.[A-Za-z]{2,40}$/);

export const UploadActionSchema = z
  .object({
    /** Gap-free per client, from 1: the outbox row's number. */
    clientSeq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    kind: ActionKindSchema,
    /** When the operator acted (the wall's clock: data, never used for ordering). */
    at: Millis,
    case: SyncCaseSchema,
    attachment: z
      .object({ mime: z.enum(['image/jpeg', 'image/png', 'image/webp']), dataBase64: z.string().max(2_800_000).regex(/^[A-Za-z0-9+/]*={0,2}$/), caption: plainText(100) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type UploadAction = z.input<typeof UploadActionSchema>;

export const UploadRequestSchema = z
  .object({
    protocol: z.literal(syncProtocolVersion),
    clientId: ClientIdSchema,
    actions: z
      .array(UploadActionSchema)
      .min(1)
      .max(maxActionsPerUpload)
      .refine((actions) => actions.every((action, index) => index === 0 || action.clientSeq === actions[index - 1]!.clientSeq + 1), { message: 'notConsecutive' }),
  })
  .strict();
export type UploadRequest = z.input<typeof UploadRequestSchema>;

/** Why the platform did not apply an action; the operator reads it in the list of rejected actions. */
export const rejectionReasons = ['closedAtDistrict', 'transferredAway', 'unknownCase', 'notYourCase'] as const;
export const RejectionReasonSchema = z.enum(rejectionReasons);
export type RejectionReason = z.infer<typeof RejectionReasonSchema>;

export const ActionResultSchema = z
  .object({
    clientSeq: z.number().int().positive(),
    outcome: z.enum(['applied', 'rejected']),
    reason: RejectionReasonSchema.nullable(),
    /** The platform's change number that carries this action's effect (or, for a rejection, the case as the district has it). */
    changeNo: z.number().int().min(0),
  })
  .strict();
export type ActionResult = z.infer<typeof ActionResultSchema>;

export const UploadResponseSchema = z
  .object({
    epoch: z.string().min(8).max(64),
    /** The client's last applied sequence after this upload. */
    lastSeq: z.number().int().min(0),
    results: z.array(ActionResultSchema).max(maxActionsPerUpload),
  })
  .strict();
export type UploadResponse = z.infer<typeof UploadResponseSchema>;

/** A refused upload: `gap` names the sequence the platform expects next (the wall sends from there). */
export const UploadRefusalSchema = z
  .object({ error: z.literal('gap'), expectedSeq: z.number().int().positive(), epoch: z.string().min(8).max(64) })
  .strict();

export const ChangeSchema = z
  .object({
    changeNo: z.number().int().positive(),
    /** `upsert`: the case as the district has it now; `removed`: the case left this sub-centre (transferred). */
    kind: z.enum(['upsert', 'removed']),
    case: SyncCaseSchema,
    /** The wall action this change carries, when a wall made it (the wall that did skips its own). */
    origin: z.object({ clientId: ClientIdSchema, clientSeq: z.number().int().positive() }).strict().nullable(),
    /** Why the district changed the case (a transfer, a closure at the district), for the audit trail. */
    note: plainText(500).nullable(),
  })
  .strict();
export type Change = z.infer<typeof ChangeSchema>;

export const ChangesResponseSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('changes'),
      epoch: z.string().min(8).max(64),
      changes: z.array(ChangeSchema).max(maxChangesPerPull),
      /** The change number the wall's cursor moves to (at least the last change's). */
      last: z.number().int().min(0),
      more: z.boolean(),
    })
    .strict(),
  /** The wall's cursor belongs to another epoch or lies ahead of the platform (restored from a backup): resync from 0. */
  z.object({ type: z.literal('reset'), epoch: z.string().min(8).max(64) }).strict(),
]);
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;

/** The query of a pull: after which change, in which epoch, how many, and how long to wait for one. */
export const ChangesQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    epoch: z.string().max(64).default(''),
    limit: z.coerce.number().int().min(1).max(maxChangesPerPull).default(maxChangesPerPull),
    waitMs: z.coerce.number().int().min(0).max(30_000).default(0),
    /** The pulling wall: its own actions coming back are left out (it has them); the cursor still passes them. */
    clientId: ClientIdSchema.optional(),
  })
  .strict();

/** What a wall needs to reach its platform: kept in a file next to the room's configuration. */
export const PlatformCredentialsSchema = z
  .object({
    url: z.string().url(),
    subCentreId: Id,
    secret: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
  })
  .strict();
export type PlatformCredentials = z.infer<typeof PlatformCredentialsSchema>;

/** The bearer token a sub-centre sends: its id and secret. */
export const bearerFor = (credentials: Pick<PlatformCredentials, 'subCentreId' | 'secret'>) => `Bearer ${credentials.subCentreId}.${credentials.secret}`;
