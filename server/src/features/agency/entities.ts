import { defineEntity, p } from '@mikro-orm/core';

/** The agency itself and its R124-2 records (insurance, client-funds account, declaration). */
export const AgencySchema = defineEntity({
  name: 'Agency',
  tableName: 'agency',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    name: p.text(),
    siren: p.string().length(9),
    addressLine1: p.text(),
    postalCode: p.text(),
    city: p.text(),
    insurer: p.text().nullable(),
    insurancePolicy: p.text().nullable(),
    insuranceExpiresOn: p.date().nullable(),
    clientFundsIban: p.text().nullable(),
    procureurDeclaredOn: p.date().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export class Agency extends AgencySchema.class {}
AgencySchema.setClass(Agency);
