import { z } from 'zod';
import { businessDate, cents, dateInput, hexColor, instant, thresholdInput, uuid } from './common.ts';

export const creditorKind = z.enum(['company', 'private_individual']);
export type CreditorKind = z.infer<typeof creditorKind>;

/** The nature of the creditor's claims when a claim does not state one (same list as cases.ts claimNature). */
const defaultClaimNature = z
  .enum(['commercial', 'consumer', 'residential_rent', 'consumer_credit', 'telecom', 'civil'])
  .nullable()
  .describe("The nature of this creditor's claims when a claim states none (a landlord: residential_rent); null: inferred from the parties");

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

/** The brand as the creditor's screens edit it (the debtor pages get `brand` above). */
export const creditorBrand = brand.extend({
  secondaryColor: hexColor.nullable().describe('Optional text colour (read on white)'),
  senderName: z.string().nullable().describe('Name shown as the sender of e-mails to debtors'),
  replyTo: z.string().nullable().describe('Reply-to address of e-mails to debtors'),
  signature: z.string().nullable().describe('Signature block of letters and e-mails'),
  footer: z.string().nullable(),
});

export const mandate = z.object({
  reference: z.string().trim().min(1).max(64),
  signedOn: businessDate,
  validUntil: businessDate.nullable().describe('null for an open-ended mandate'),
});
/** The mandate as a request gives it: dates within the business bounds. */
const mandateInput = mandate.extend({ signedOn: dateInput, validUntil: dateInput.nullable().describe('null for an open-ended mandate') });

/** R124-3: where the mandate stands today (packages/domain legal-gate.ts mandateState). */
export const mandateState = z
  .enum(['in_force', 'not_started', 'expired', 'revoked'])
  .describe('in_force: the agency may act; otherwise every contact with this creditor\'s debtors is suspended');
export type MandateState = z.infer<typeof mandateState>;

/** The mandate's standing as the case screen shows it (a banner when contacts are suspended). */
export const mandateStanding = z
  .object({
    state: mandateState,
    validUntil: businessDate.nullable(),
    revokedAt: instant.nullable(),
  })
  .meta({ id: 'MandateStanding' });
export type MandateStanding = z.infer<typeof mandateStanding>;

export const revokeMandateBody = z
  .object({ reason: z.string().trim().min(5).max(1000).describe('Why the creditor ended the mandate (kept in the audit trail)') })
  .meta({ id: 'RevokeMandateBody', examples: [{ reason: 'Résiliation du mandat reçue par courrier du 2 décembre' }] });
export type RevokeMandateBody = z.infer<typeof revokeMandateBody>;

export const mandateDocument = z.object({
  fileName: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: instant,
  url: z.string().describe('Download (staff and this creditor’s users)'),
});

/** A tier of the commission: from this case age (days since placement) or placed amount (cents) upward, this percentage. */
export const commissionTier = z.object({
  basis: z.enum(['case_age_days', 'case_amount_cents']).describe('What the tier looks at: the case’s age in days, or the amount placed'),
  from: z.number().int().min(0).max(100_000_000_000).describe('The tier applies from this value upward, until the next tier'),
  percentBasisPoints: z.number().int().min(0).max(10_000),
});
export type CommissionTier = z.infer<typeof commissionTier>;

/** R124-3: how the agency's fee, borne by the creditor, is set. */
export const commissionTerms = z
  .object({
    percentBasisPoints: z.number().int().min(0).max(10_000).nullable().describe('Percent of amounts collected, in basis points (1250 = 12.5 %)'),
    fixedFeeCents: thresholdInput.max(100_000_000).nullable().describe('Fixed fee per case, cents (charged once per case, on its first commissionable payment)'),
    tiers: z.array(commissionTier).max(10).optional().describe('Rates by case age or placed amount: the highest tier reached applies instead of the flat percent'),
    onDirectPayments: z.boolean().optional().describe('Payments made directly to the creditor bear commission too (default false)'),
  })
  .refine((c) => c.percentBasisPoints !== null || c.fixedFeeCents !== null || (c.tiers?.length ?? 0) > 0, { message: 'a percent, a fixed fee, tiers, or several' })
  .refine((c) => new Set((c.tiers ?? []).map((tier) => tier.basis)).size <= 1, { message: 'tiers all look at the case age, or all at the placed amount' });

/** R124-3 and R124-6: the conditions for paying collected funds over. */
export const remittanceTerms = z.object({
  basis: z.enum(['net', 'gross']).describe('net: the commission is deducted from remittances; gross: invoiced separately'),
  frequency: z.enum(['weekly', 'monthly']),
  delayDays: z.number().int().min(0).max(365).describe('Days from actual receipt to payment; at most 30 unless the mandate stipulates longer (R124-6)'),
  longerDelayStipulated: z.boolean().describe('The signed mandate expressly allows a delay beyond one month'),
});

export const paymentPlanRules = z.object({
  maxDurationMonths: z.number().int().min(1).max(120),
  minInstallmentCents: z.number().int().min(0),
  maxAgentDiscountBasisPoints: z.number().int().min(0).max(10_000).describe('Largest discount an agent may grant alone, basis points of the balance'),
  managerApprovalAboveCents: z.number().int().min(0).nullable().describe('A plan on a larger balance needs a manager'),
  managerApprovalAboveMonths: z.number().int().min(1).nullable().describe('A longer plan needs a manager'),
  portalMinPaymentCents: z.number().int().min(100).max(100_000_000).describe("The least a debtor may pay or promise on their page (an amount of their choice); the balance itself is always accepted"),
  portalFirstDueWithinDays: z.number().int().min(1).max(90).describe("A plan the debtor chooses on their page starts within this many days"),
  promiseWithinDays: z.number().int().min(1).max(90).describe("A promise the debtor makes on their page falls due within this many days"),
});
/** The plan rules as a request gives them: amounts and months within the business bounds. */
const paymentPlanRulesInput = paymentPlanRules.extend({
  minInstallmentCents: thresholdInput,
  managerApprovalAboveCents: thresholdInput.nullable().describe('A plan on a larger balance needs a manager'),
  managerApprovalAboveMonths: z.number().int().min(1).max(1200).nullable().describe('A longer plan needs a manager'),
});

/**
 * How long the personal data of a debtor is kept once the case is closed (RGPD art. 5(1)(e)):
 * then the daily job anonymises it, keeping amounts, dates and the evidence the law requires.
 * 5 years by default: the limitation period of the claim (C. civ. 2224, C. com. L110-4).
 */
export const dataRetention = z.object({
  yearsAfterClose: z.number().int().min(1).max(10).describe('Years after a case closed before its debtor is anonymised (1 to 10, default 5)'),
});

export const bankAccount = z.object({
  iban: z.string().trim().min(1).max(42),
  bic: z.string().trim().max(11).nullable().default(null),
});

export const creditor = z
  .object({
    id: uuid,
    legalName: z.string(),
    kind: creditorKind,
    actsProfessionally: z
      .boolean()
      .describe(
        'Acts for professional needs: always true for a company; for a private individual, as recorded. C. com. L441-10 (penalties, 40 € indemnity) applies only between professionals, and the higher taux légal only to a private individual not acting professionally (CMF L313-2)',
      ),
    legalForm: z.string().nullable(),
    siren: z.string().nullable(),
    vatNumber: z.string().nullable(),
    address: postalAddress,
    brand: creditorBrand,
    mandate: mandate.extend({
      isValid: z.boolean().describe('In force today (R124-3): signed, not expired, not revoked'),
      state: mandateState,
      revokedAt: instant.nullable(),
      revokedReason: z.string().nullable(),
      coversJudicial: z.boolean().describe('The mandate also covers judicial steps (injonction de payer, bailiff)'),
      legalPreapprovedBelowCents: cents.nullable().describe('Legal actions claiming less than this are approved for the creditor by the mandate (null: the creditor approves each one)'),
      document: mandateDocument.nullable().describe('The signed mandate (PDF)'),
    }),
    commission: z.object({
      percentBasisPoints: z.number().int().nullable(),
      fixedFeeCents: z.number().int().nullable(),
      tiers: z.array(commissionTier),
      onDirectPayments: z.boolean(),
    }),
    remittance: remittanceTerms,
    paymentPlanRules,
    remittanceAccount: z.object({ iban: z.string(), bic: z.string().nullable() }).nullable(),
    dataRetention,
    defaultClaimNature,
    createdAt: z.string(),
  })
  .meta({ id: 'Creditor' });
export type Creditor = z.infer<typeof creditor>;

const brandTexts = {
  secondaryColor: hexColor.nullable().optional(),
  senderName: z.string().trim().max(120).nullable().optional(),
  replyTo: z.email().max(254).nullable().optional(),
  signature: z.string().trim().max(2000).nullable().optional(),
  footer: z.string().trim().max(2000).nullable().optional(),
};

/** Meaningful for a private individual; a company always acts professionally (the value is kept but not used). */
const actsProfessionallyInput = z
  .boolean()
  .optional()
  .describe(
    'A private individual acting for professional needs (sole trader, liberal profession, lettings business): then C. com. L441-10 applies against a professional debtor and the taux légal is the "autres cas" one (CMF L313-2). Default false; ignored for a company, which always acts professionally',
  );

// New fields are optional (the server applies the defaults), so the first version of this
// body keeps working and its inferred type stays what the web form sends.
export const createCreditorBody = z
  .object({
    legalName: z.string().trim().min(1).max(200),
    kind: creditorKind,
    actsProfessionally: actsProfessionallyInput,
    legalForm: z.string().trim().max(60).nullable().optional().describe('SAS, SARL, SA, EI...'),
    siren: z.string().trim().nullable().default(null).describe('Required for a company; 9 digits, Luhn'),
    vatNumber: z.string().trim().max(20).nullable().optional().describe('French intra-EU VAT number: FR + 2-digit key + SIREN'),
    address: postalAddress,
    brand: z.object({
      displayName: z.string().trim().min(1).max(120),
      primaryColor: hexColor.describe('White text on it must reach a WCAG contrast of 4.5:1'),
      ...brandTexts,
    }),
    mandate: mandateInput,
    commission: commissionTerms.optional(),
    remittance: remittanceTerms.partial().optional().describe('Defaults: net, monthly, 30 days'),
    paymentPlanRules: paymentPlanRulesInput.partial().optional(),
    remittanceAccount: bankAccount.nullable().optional(),
    dataRetention: dataRetention.optional().describe('Default: 5 years after a case closes'),
    defaultClaimNature: defaultClaimNature.optional(),
  })
  .meta({ id: 'CreateCreditorBody' });
export type CreateCreditorBody = z.infer<typeof createCreditorBody>;

/** Every field optional; a nested object given replaces only the keys it carries. */
export const updateCreditorBody = z
  .object({
    legalName: z.string().trim().min(1).max(200).optional(),
    kind: creditorKind.optional(),
    actsProfessionally: actsProfessionallyInput,
    legalForm: z.string().trim().max(60).nullable().optional(),
    siren: z.string().trim().nullable().optional(),
    vatNumber: z.string().trim().max(20).nullable().optional(),
    address: z
      .object({
        line1: z.string().trim().min(1).max(200),
        line2: z.string().trim().max(200).nullable(),
        postalCode: z.string().trim().min(1).max(16),
        city: z.string().trim().min(1).max(100),
        country: z.string().length(2),
      })
      .partial()
      .optional(),
    brand: z
      .object({ displayName: z.string().trim().min(1).max(120), primaryColor: hexColor, ...brandTexts })
      .partial()
      .optional(),
    mandate: z
      .object({
        reference: z.string().trim().min(1).max(64),
        signedOn: dateInput,
        validUntil: dateInput.nullable(),
        coversJudicial: z.boolean().describe('Whether the mandate covers judicial steps (a change is recorded in the audit trail)'),
        legalPreapprovedBelowCents: thresholdInput.nullable().describe('Legal actions claiming less than this are pre-approved for the creditor (null: never)'),
      })
      .partial()
      .optional(),
    commission: commissionTerms.optional(),
    remittance: remittanceTerms.partial().optional(),
    paymentPlanRules: paymentPlanRulesInput.partial().optional(),
    remittanceAccount: z
      .object({ iban: z.string().trim().min(1).max(42), bic: z.string().trim().max(11).nullable() })
      .nullable()
      .optional(),
    dataRetention: dataRetention.optional(),
    defaultClaimNature: defaultClaimNature.optional(),
  })
  .meta({ id: 'UpdateCreditorBody' });
export type UpdateCreditorBody = z.infer<typeof updateCreditorBody>;

export const creditorRole = z.enum(['viewer', 'uploader']).describe('viewer: reads only; uploader: may also import files and create cases');
export type CreditorRole = z.infer<typeof creditorRole>;

export const createInvitationBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  creditorRole: creditorRole.default('uploader'),
  locale: z.enum(['fr', 'en']).default('fr'),
});
export type CreateInvitationBody = z.infer<typeof createInvitationBody>;

export const invitation = z
  .object({
    id: uuid,
    creditorId: uuid,
    email: z.string(),
    name: z.string(),
    creditorRole,
    status: z.enum(['pending', 'accepted', 'expired']),
    expiresAt: instant,
    createdAt: instant,
    acceptedAt: instant.nullable(),
    delivery: z.enum(['smtp', 'outbox']).describe('outbox: no SMTP server configured, the e-mail was kept by the app (see outboxLink)'),
    outboxLink: z.string().nullable().describe('Only when the e-mail was not sent (no SMTP_URL): the link to hand over'),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitation>;

export const invitationTokenParams = z.object({ token: z.string().min(20).max(100) });

export const publicInvitation = z
  .object({
    email: z.string(),
    name: z.string(),
    creditorRole,
    creditor: z.object({ legalName: z.string() }),
    expiresAt: instant,
  })
  .meta({ id: 'PublicInvitation' });

export const acceptInvitationBody = z.object({
  password: z.string().max(1024).describe('At least 12 characters (else 400 password_too_short)'),
});
