import { z } from 'zod';

/** One window per role; a room with several displays gives each its own. */
export const windowRoles = ['video', 'map', 'queue'] as const;
export const WindowRoleSchema = z.enum(windowRoles);
export type WindowRole = z.infer<typeof WindowRoleSchema>;
