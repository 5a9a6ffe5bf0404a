import { z } from 'zod';

/**
 * The everyday words people use for a problem, mapped to a minor category:
 * "摊头", "小贩", "van parked". Data, not code: a room adds its own words.
 * The category names themselves are always words too.
 */
export const LexiconSchema = z
  .array(
    z.object({
      code: z.string().regex(/^[12]\d{4}$/),
      zh: z.array(z.string().trim().min(1).max(30)).default([]),
      en: z.array(z.string().trim().min(1).max(60)).default([]),
    }),
  )
  .max(5_000);

export type Lexicon = z.output<typeof LexiconSchema>;
