import { z } from 'zod';
import { uuid } from './common.ts';

export const roles = ['admin', 'manager', 'agent', 'creditor'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;
export const staffRoles = ['admin', 'manager', 'agent'] as const satisfies readonly Role[];

export const user = z
  .object({
    id: uuid,
    email: z.email(),
    name: z.string(),
    role,
    creditorId: uuid.nullable().describe('Set for creditor users only'),
    locale: z.enum(['fr', 'en']),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof user>;

export const loginBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export const sessionResponse = z
  .object({
    accessToken: z.string().describe('Short-lived JWT, send as Authorization: Bearer'),
    expiresInSeconds: z.number().int(),
    user,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionResponse>;

export const createUserBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  role,
  creditorId: uuid.optional(),
  password: z.string().max(1024).describe('At least 12 characters'),
  locale: z.enum(['fr', 'en']).default('fr'),
});
export type CreateUserBody = z.infer<typeof createUserBody>;
