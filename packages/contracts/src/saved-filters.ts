import { z } from 'zod';
import { instant, uuid } from './common.ts';

// Saved filters of the case list (issue 20): a person's named sets of the list's URL filters.

const query = z
  .string()
  .max(2000)
  .regex(/^[^?#\s]*$/, 'a URL query string without ? or #')
  .describe("The case list's filters as in its URL, e.g. `status=amiable&assignedTo=none`");

export const savedFilterInput = z
  .object({ name: z.string().trim().min(1).max(60).describe('Unique among your saved filters'), query })
  .meta({ id: 'SavedFilterBody', examples: [{ name: 'Mes dossiers amiables', query: 'status=amiable' }] });
export type SavedFilterInput = z.infer<typeof savedFilterInput>;

export const savedFilter = z.object({ id: uuid, name: z.string(), query: z.string(), createdAt: instant }).meta({ id: 'SavedFilter' });
export type SavedFilter = z.infer<typeof savedFilter>;

export const savedFilterList = z.object({ items: z.array(savedFilter) }).meta({ id: 'SavedFilterList' });
export const savedFilterParams = z.object({ id: uuid });
