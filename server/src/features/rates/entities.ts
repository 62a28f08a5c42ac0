import { defineEntity, p } from '@mikro-orm/core';
import { creationTime } from '../../db/columns.ts';

/**
 * A half-year's rates added by an administrator when they are published (arrêté in the Journal
 * officiel for the taux légal, ECB decision for the refinancing rate). They extend, and where
 * they overlap correct, the built-in table of packages/domain.
 */
export const LegalRateSchema = defineEntity({
  name: 'LegalRate',
  tableName: 'legal_rate',
  properties: {
    halfYear: p.text().primary(),
    ecbBasisPoints: p.integer(),
    legalPrivateIndividualBasisPoints: p.integer(),
    legalOtherBasisPoints: p.integer(),
    addedBy: p.uuid().nullable(),
    createdAt: creationTime(),
  },
});
export class LegalRate extends LegalRateSchema.class {}
LegalRateSchema.setClass(LegalRate);
