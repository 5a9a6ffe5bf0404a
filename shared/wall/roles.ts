import { z } from 'zod';

/**
 * One window per role; a room with several displays gives each its own.
 * `presentation` is a visitors' screen: it shows the sub-centre's results and
 * nothing else (the wall windows show the same while the wall presents).
 */
export const windowRoles = ['video', 'map', 'queue', 'presentation'] as const;
/** The operators' wall: what the shell opens on the room's displays. */
export const wallRoles = ['video', 'map', 'queue'] as const satisfies readonly (typeof windowRoles)[number][];
export const WindowRoleSchema = z.enum(windowRoles);
export type WindowRole = z.infer<typeof WindowRoleSchema>;
