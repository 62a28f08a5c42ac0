import { defineEntity, p } from '@mikro-orm/core';
import { creationTime, generatedId } from '../../db/columns.ts';

/** A creditor (the agency's client) with its brand and R124-3 mandate. */
export const CreditorSchema = defineEntity({
  name: 'Creditor',
  tableName: 'creditor',
  properties: {
    id: generatedId(),
    legalName: p.text(),
    kind: p.enum(['company', 'private_individual'] as const),
    /** A private individual acting for professional needs (C. com. L441-10, CMF L313-2); a company always does. */
    actsProfessionally: p.boolean().default(false),
    /** The nature of its claims when a claim states none (packages/domain claim-nature.ts); null: inferred. */
    defaultClaimNature: p.enum(['commercial', 'consumer', 'residential_rent', 'consumer_credit', 'telecom', 'civil'] as const).nullable(),
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
    legalForm: p.text().nullable(),
    vatNumber: p.text().nullable(),
    mandateDocument: p.blob().nullable().lazy(),
    mandateDocumentName: p.text().nullable(),
    mandateDocumentSize: p.integer().nullable(),
    mandateDocumentSha256: p.text().nullable(),
    mandateDocumentUploadedAt: p.datetime().nullable(),
    // R124-3: a revoked mandate stops every contact; judicial steps need a mandate that covers them.
    mandateRevokedAt: p.datetime().nullable(),
    mandateRevokedReason: p.text().nullable(),
    mandateCoversJudicial: p.boolean().default(false),
    // Issue 16: the mandate approves judicial steps for the creditor when the amount claimed is below this (null: never).
    legalPreapprovedBelowCents: p.bigint('number').nullable(),
    // R124-3: how the fee is set; R124-6: how and when collected funds are paid over.
    commissionBasisPoints: p.integer().nullable(),
    commissionFixedFeeCents: p.bigint('number').nullable(),
    /** Issue 17: rates by case age or placed amount (packages/domain commission.ts CommissionTier), and commission on direct payments. */
    commissionTiers: p.json<{ basis: 'case_age_days' | 'case_amount_cents'; from: number; percentBasisPoints: number }[]>().default([]),
    commissionOnDirectPayments: p.boolean().default(false),
    remittanceBasis: p.enum(['net', 'gross'] as const).default('net'),
    remittanceFrequency: p.enum(['weekly', 'monthly'] as const).default('monthly'),
    remittanceDelayDays: p.integer().default(30),
    remittanceLongerDelayStipulated: p.boolean().default(false),
    planMaxDurationMonths: p.integer().default(12),
    planMinInstallmentCents: p.bigint('number').default(3000),
    planMaxAgentDiscountBasisPoints: p.integer().default(0),
    planManagerAboveCents: p.bigint('number').nullable(),
    planManagerAboveMonths: p.integer().nullable(),
    /** Issue 18: what a debtor may do alone on their page (see contracts paymentPlanRules). */
    portalMinPaymentCents: p.bigint('number').default(1000),
    portalFirstDueWithinDays: p.integer().default(30),
    promiseWithinDays: p.integer().default(30),
    remittanceIban: p.text().nullable(),
    remittanceBic: p.text().nullable(),
    brandSecondaryColor: p.string().length(7).nullable(),
    brandSenderName: p.text().nullable(),
    brandReplyTo: p.text().nullable(),
    brandSignature: p.text().nullable(),
    brandFooter: p.text().nullable(),
    /** RGPD art. 5(1)(e): years after a case closes before its debtor is anonymised (rgpd__anonymise). */
    retentionYearsAfterClose: p.integer().default(5),
    createdAt: creationTime(),
  },
});
export class Creditor extends CreditorSchema.class {}
CreditorSchema.setClass(Creditor);
