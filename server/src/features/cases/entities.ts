import { defineEntity, p } from '@mikro-orm/core';
import { creationTime, generatedId } from '../../db/columns.ts';

export const CollectionCaseSchema = defineEntity({
  name: 'CollectionCase',
  tableName: 'collection_case',
  properties: {
    id: generatedId(),
    creditorId: p.uuid(),
    debtorId: p.uuid(),
    reference: p.text().defaultRaw(`('DOS-' || lpad(nextval('case_reference_seq')::text, 7, '0'))`),
    status: p
      .enum(['new', 'amicable', 'promise', 'payment_plan', 'disputed', 'legal', 'bailiff', 'closed'] as const)
      .default('new'),
    assignedAgentId: p.uuid().nullable(),
    openedOn: p.date(),
    /** Starts the taux légal for a consumer debtor (C. civ. 1231-6, 1344-1). */
    miseEnDemeureOn: p.date().nullable(),
    /** +5 points on the taux légal two months after this day (CMF L313-3). */
    judgmentEnforceableOn: p.date().nullable(),
    /** The creditor's own reference for the case, unique per creditor when given. */
    externalRef: p.text().nullable(),
    createdAt: creationTime(),
  },
});
export class CollectionCase extends CollectionCaseSchema.class {}
CollectionCaseSchema.setClass(CollectionCase);
