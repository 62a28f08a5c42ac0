import { z } from 'zod';
import { businessDate, hexColor, uuid } from './common.ts';

export const creditorKind = z.enum(['company', 'private_individual']);
export type CreditorKind = z.infer<typeof creditorKind>;

export const postalAddress = z.object({
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).nullable().default(null),
  postalCode: z.string().trim().min(1).max(16),
  city: z.string().trim().min(1).max(100),
  country: z.string().length(2).default('FR'),
});

export const brand = z.object({
  displayName: z.string().trim().min(1).max(120),
  primaryColor: hexColor,
  logoUrl: z.string().nullable().describe('Public URL of the logo, null until one is uploaded'),
});

export const mandate = z.object({
  reference: z.string().trim().min(1).max(64),
  signedOn: businessDate,
  validUntil: businessDate.nullable().describe('null for an open-ended mandate'),
});

export const creditor = z
  .object({
    id: uuid,
    legalName: z.string(),
    kind: creditorKind,
    siren: z.string().nullable(),
    address: postalAddress,
    brand,
    mandate: mandate.extend({ isValid: z.boolean().describe('Valid today (R124-3)') }),
    createdAt: z.string(),
  })
  .meta({ id: 'Creditor' });
export type Creditor = z.infer<typeof creditor>;

export const createCreditorBody = z.object({
  legalName: z.string().trim().min(1).max(200),
  kind: creditorKind,
  siren: z.string().trim().nullable().default(null).describe('Required for a company; 9 digits, Luhn'),
  address: postalAddress,
  brand: z.object({
    displayName: z.string().trim().min(1).max(120),
    primaryColor: hexColor,
  }),
  mandate,
});
export type CreateCreditorBody = z.infer<typeof createCreditorBody>;
