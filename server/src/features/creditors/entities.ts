import { defineEntity, p } from '@mikro-orm/core';

/** A creditor (the agency's client) with its brand and R124-3 mandate. */
export const CreditorSchema = defineEntity({
  name: 'Creditor',
  tableName: 'creditor',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    legalName: p.text(),
    kind: p.enum(['company', 'private_individual'] as const),
    siren: p.string().length(9).nullable(),
    addressLine1: p.text(),
    addressLine2: p.text().nullable(),
    postalCode: p.text(),
    city: p.text(),
    country: p.string().length(2).default('FR'),
    brandDisplayName: p.text(),
    brandPrimaryColor: p.string().length(7),
    brandLogo: p.blob().nullable().lazy(),
    brandLogoContentType: p.text().nullable(),
    brandLogoSha256: p.text().nullable(),
    mandateReference: p.text(),
    mandateSignedOn: p.date(),
    mandateValidUntil: p.date().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export class Creditor extends CreditorSchema.class {}
CreditorSchema.setClass(Creditor);
