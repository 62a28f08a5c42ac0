import { defineEntity, p } from '@mikro-orm/core';
import { creationTime, generatedId } from '../../db/columns.ts';

/** The agency itself (one row) and its R124-2 records (insurance, client-funds account, declaration). */
export const AgencySchema = defineEntity({
  name: 'Agency',
  tableName: 'agency',
  properties: {
    id: generatedId(),
    singleton: p.boolean().default(true),
    name: p.text(),
    legalForm: p.text().nullable(),
    siren: p.string().length(9),
    addressLine1: p.text(),
    addressLine2: p.text().nullable(),
    postalCode: p.text(),
    city: p.text(),
    country: p.string().length(2).default('FR'),
    insurer: p.text().nullable(),
    insurancePolicy: p.text().nullable(),
    insuranceExpiresOn: p.date().nullable(),
    clientFundsIban: p.text().nullable(),
    clientFundsBic: p.text().nullable(),
    procureurDeclaredOn: p.date().nullable(),
    /** Printed on every letter, e-mail and SMS for questions, payment plans and disputes. */
    phone: p.text().nullable(),
    email: p.text().nullable(),
    /** Issue 19, white label: what the staff app, the creditors' area and their e-mails show (brand.ts). */
    brandDisplayName: p.text().nullable(),
    brandPrimaryColor: p.text().nullable(),
    brandLogo: p.blob().nullable().lazy(),
    brandLogoSha256: p.text().nullable(),
    poweredByVisible: p.boolean().default(true),
    createdAt: creationTime(),
    updatedAt: creationTime(),
  },
});
export class Agency extends AgencySchema.class {}
AgencySchema.setClass(Agency);
