import { z } from "zod";

/** POST /api/notifications/read: the notifications to mark read (none named: all of them). */
export const markReadSchema = z.object({ ids: z.array(z.number().int().positive()).max(100).optional() });
