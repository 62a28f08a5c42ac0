import { z } from 'zod';
import { staffRoles } from './auth.ts';
import { instant, uuid } from './common.ts';

// Staff administration (issue 20): the agency's accounts, their role, whether they may still sign
// in, their second factor and their last sign-in. Admins change them; managers read.

export const staffRole = z.enum(staffRoles);

export const staffUser = z
  .object({
    id: uuid,
    email: z.email(),
    name: z.string(),
    role: staffRole,
    locale: z.enum(['fr', 'en']),
    active: z.boolean().describe('False once an admin deactivated the account: it can no longer sign in'),
    deactivatedAt: instant.nullable(),
    totpEnabled: z.boolean().describe('A confirmed authenticator app (two-factor authentication)'),
    lastLoginAt: instant.nullable(),
    createdAt: instant,
  })
  .meta({ id: 'StaffUser' });
export type StaffUser = z.infer<typeof staffUser>;

export const staffList = z.object({ items: z.array(staffUser) }).meta({ id: 'StaffList' });

export const updateStaffUserBody = z
  .object({
    role: staffRole.optional(),
    active: z.boolean().optional().describe('false deactivates (sessions revoked at once), true reactivates'),
  })
  .refine((b) => b.role !== undefined || b.active !== undefined, { message: 'role or active is required' })
  .meta({ id: 'UpdateStaffUser' });
export type UpdateStaffUserBody = z.infer<typeof updateStaffUserBody>;
