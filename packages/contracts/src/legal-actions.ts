import { z } from 'zod';
import { amountInput, businessDate, cents, dateInput, instant, uuid } from './common.ts';

// Issue 16, the judicial phase: a legal action (injonction de payer, petites créances, a
// commissaire's enforcement) is proposed on a case with its pre-checks, approved by the creditor
// and by the agency, filed and tracked by events that start deadlines. The lists mirror
// packages/domain legal-procedure.ts (a test holds them equal).

export const legalActionKinds = ['injonction_de_payer', 'petites_creances', 'commissaire_enforcement'] as const;
export const legalActionKind = z.enum(legalActionKinds);
export type LegalActionKindDto = z.infer<typeof legalActionKind>;

export const legalActionStages = [
  'proposed',
  'refused',
  'ready',
  'filed',
  'order_rendered',
  'rejected',
  'served',
  'opposed',
  'lapsed',
  'handed_over',
  'invitation_sent',
  'debtor_declined',
  'title_obtained',
  'enforcement',
  'completed',
  'withdrawn',
] as const;
export const legalActionStage = z.enum(legalActionStages);
export type LegalActionStageDto = z.infer<typeof legalActionStage>;

export const legalEventKinds = [
  'filed',
  'order_rendered',
  'order_rejected',
  'served',
  'opposed',
  'hearing',
  'judgment',
  'final',
  'handed_over',
  'invitation_sent',
  'debtor_accepted',
  'debtor_refused',
  'debtor_silent',
  'title_delivered',
  'act',
  'completed',
  'withdrawn',
  'lapsed',
] as const;
export const legalEventKind = z.enum(legalEventKinds);
export type LegalEventKindDto = z.infer<typeof legalEventKind>;

export const commissaireActs = ['signification', 'commandement_de_payer', 'saisie_attribution', 'saisie_remunerations', 'pv_carence'] as const;
export const commissaireAct = z.enum(commissaireActs);

export const legalCheck = z
  .object({
    check: z.enum(['case_standing', 'claims_payable', 'no_dispute', 'mandate_judicial', 'mise_en_demeure', 'amount_threshold', 'debtor_address', 'title', 'court']),
    status: z.enum(['pass', 'fail', 'warn']),
    code: z.string().nullable().describe('The error code when it fails (the 422 of a refused proposal), the warning code when it warns'),
    message: z.string().describe('The verdict in words, in the caller’s language'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  })
  .meta({ id: 'LegalCheck' });
export type LegalCheckDto = z.infer<typeof legalCheck>;

export const legalPrecheck = z
  .object({
    kind: legalActionKind,
    ok: z.boolean().describe('No check fails (warnings do not stop a proposal)'),
    checks: z.array(legalCheck),
    includedClaims: z.array(z.string()).describe('Invoice references the step covers: due and not prescribed'),
    excludedClaims: z.array(z.object({ ref: z.string(), reason: z.enum(['prescribed', 'not_due']) })),
    imminentClaims: z.array(z.object({ ref: z.string(), prescriptionDate: businessDate })).describe('Prescribing within 90 days'),
    claimedCents: cents.describe('Principal, interest and indemnities of the included claims today'),
    court: z.lazy(() => courtRef.nullable()).describe('The competent court found for the debtor’s address (injonction de payer)'),
    commissaire: z.lazy(() => commissaireRef.nullable()).describe('A commissaire serving the debtor’s cour d’appel district'),
    estimatedCosts: z.lazy(() => costEstimate),
  })
  .meta({ id: 'LegalPrecheck' });
export type LegalPrecheckDto = z.infer<typeof legalPrecheck>;

export const courtKind = z.enum(['tribunal_judiciaire', 'tribunal_commerce', 'tribunal_activites_economiques']);

export const courtRef = z
  .object({
    id: uuid.nullable(),
    code: z.string().nullable(),
    kind: courtKind,
    name: z.string(),
    addressLine1: z.string(),
    postalCode: z.string(),
    city: z.string(),
    courAppel: z.string().nullable(),
  })
  .meta({ id: 'CourtRef' });
export type CourtRef = z.infer<typeof courtRef>;

export const commissaireRef = z
  .object({
    id: uuid,
    etude: z.string(),
    name: z.string(),
    addressLine1: z.string(),
    postalCode: z.string(),
    city: z.string(),
    email: z.string().nullable(),
    acceptsEmail: z.boolean(),
  })
  .meta({ id: 'CommissaireRef' });
export type CommissaireRefDto = z.infer<typeof commissaireRef>;

export const costEstimate = z
  .object({
    lines: z.array(z.object({ item: z.string(), label: z.string(), amountCents: cents, basis: z.string() })),
    totalCents: cents,
  })
  .meta({ id: 'LegalCostEstimate' });
export type CostEstimateDto = z.infer<typeof costEstimate>;

export const legalApproval = z
  .object({
    party: z.enum(['creditor', 'agency']),
    decision: z.enum(['approve', 'refuse']),
    via: z.enum(['user', 'api_key', 'mandate']).describe('mandate: the creditor’s mandate pre-approves steps below its amount'),
    decidedBy: z.string().nullable().describe('Name of who decided'),
    reason: z.string().nullable(),
    decidedAt: instant,
  })
  .meta({ id: 'LegalApproval' });

export const legalEvent = z
  .object({
    id: uuid,
    event: legalEventKind,
    date: businessDate,
    details: z.record(z.string(), z.unknown()),
    documentId: uuid.nullable(),
    recordedBy: z.string().nullable(),
    recordedAt: instant,
  })
  .meta({ id: 'LegalEvent' });

export const legalDeadlines = z
  .object({
    service: businessDate.optional().describe('Last day to serve the order (CPC 1411: six months from its date)'),
    opposition: businessDate.optional().describe('Last day for the debtor to oppose (CPC 1416: one month from service)'),
    answer: businessDate.optional().describe('Last day for the debtor to answer the petites créances invitation (R125-5: one month)'),
    enforcement: businessDate.optional().describe('Last day to enforce the title (CPCE L111-4: ten years)'),
  })
  .meta({ id: 'LegalDeadlines' });

export const legalCost = z
  .object({
    id: uuid,
    item: z.string(),
    description: z.string(),
    amountCents: cents,
    incurredOn: businessDate,
    borneBy: z.enum(['creditor', 'debtor']).describe('debtor: recoverable from the debtor, only once a title exists (L111-8 al. 1)'),
    advancedByAgency: z.boolean(),
    documentId: uuid.nullable(),
    recordedAt: instant,
  })
  .meta({ id: 'LegalCost' });
export type LegalCostDto = z.infer<typeof legalCost>;

export const legalCostList = z
  .object({
    items: z.array(legalCost.extend({ legalActionId: uuid })),
    totalCents: cents,
    debtorCents: cents.describe('Borne by the debtor (only ever recorded with a title, CPCE L111-8 al. 1)'),
    titleOn: businessDate.nullable().describe('The date the case’s title became enforceable; null without one'),
  })
  .meta({ id: 'LegalCostList' });
export type LegalCostListDto = z.infer<typeof legalCostList>;

export const legalAction = z
  .object({
    id: uuid,
    caseId: uuid,
    caseReference: z.string(),
    creditorId: uuid,
    creditorName: z.string(),
    debtorName: z.string(),
    kind: legalActionKind,
    stage: legalActionStage,
    proposedAt: instant,
    proposedBy: z.string().nullable(),
    note: z.string().nullable(),
    claimRefs: z.array(z.string()),
    claimedCents: cents,
    estimatedCosts: costEstimate,
    prechecks: z.array(legalCheck).describe('The verdicts when proposed'),
    court: courtRef.nullable(),
    commissaire: commissaireRef.nullable(),
    approvals: z.array(legalApproval),
    awaiting: z.array(z.enum(['creditor', 'agency'])).describe('Who still has to approve'),
    dates: z.object({
      filedOn: businessDate.nullable(),
      orderOn: businessDate.nullable(),
      servedOn: businessDate.nullable(),
      opposedOn: businessDate.nullable(),
      invitationSentOn: businessDate.nullable(),
      titleOn: businessDate.nullable(),
      closedOn: businessDate.nullable(),
    }),
    orderAmountCents: cents.nullable(),
    agreedAmountCents: cents.nullable(),
    deadlines: legalDeadlines,
    nextDeadline: z.object({ name: z.string(), date: businessDate, daysLeft: z.number().int() }).nullable(),
    allowedEvents: z.array(legalEventKind).describe('Events that may be recorded now'),
    events: z.array(legalEvent),
    costs: z.array(legalCost),
    updatedAt: instant,
  })
  .meta({ id: 'LegalAction' });
export type LegalActionDto = z.infer<typeof legalAction>;

export const legalActionSummary = legalAction
  .pick({
    id: true,
    caseId: true,
    caseReference: true,
    creditorId: true,
    creditorName: true,
    debtorName: true,
    kind: true,
    stage: true,
    proposedAt: true,
    claimedCents: true,
    awaiting: true,
    nextDeadline: true,
    updatedAt: true,
  })
  .extend({ estimatedCostsCents: cents, costsCents: cents })
  .meta({ id: 'LegalActionSummary' });
export type LegalActionSummaryDto = z.infer<typeof legalActionSummary>;

export const legalActionList = z.object({ items: z.array(legalActionSummary) }).meta({ id: 'LegalActionList' });

export const legalActionListQuery = z.object({
  stage: z.enum(['open', 'awaiting_approval', 'in_court', 'closed', 'all']).default('open').describe('open: not closed; in_court: filed to title'),
  kind: legalActionKind.optional(),
  caseId: uuid.optional(),
  creditorId: uuid.optional(),
});

export const proposeLegalActionBody = z
  .object({
    kind: legalActionKind,
    note: z.string().trim().max(2000).optional(),
    courtId: uuid.optional().describe('A court chosen by hand when the directory finds none (injonction de payer)'),
    commissaireId: uuid.optional(),
    title: z
      .object({ on: dateInput, documentId: uuid.optional() })
      .optional()
      .describe('commissaire_enforcement only: a title the creditor already holds (otherwise an earlier action’s title is used)'),
  })
  .meta({ id: 'ProposeLegalActionBody', example: { kind: 'injonction_de_payer' } });
export type ProposeLegalActionBody = z.infer<typeof proposeLegalActionBody>;

export const precheckQuery = z.object({ kind: legalActionKind });

export const chooseVenueBody = z
  .object({
    courtId: uuid.optional().describe('The competent court chosen by hand (injonction de payer)'),
    commissaireId: uuid.optional().describe('The commissaire de justice chosen (petites créances, enforcement)'),
  })
  .refine((body) => body.courtId !== undefined || body.commissaireId !== undefined, { message: 'courtId or commissaireId' })
  .meta({ id: 'ChooseVenueBody', example: { courtId: '00000000-0000-4000-8000-000000000000' } });

export const legalApprovalBody = z
  .object({
    decision: z.enum(['approve', 'refuse']),
    reason: z.string().trim().min(3).max(2000).optional().describe('Required to refuse'),
  })
  .meta({ id: 'LegalApprovalBody', example: { decision: 'approve' } });
export type LegalApprovalBody = z.infer<typeof legalApprovalBody>;

export const legalEventBody = z
  .object({
    event: legalEventKind.exclude(['lapsed']),
    date: dateInput,
    amountCents: amountInput.optional().describe('order_rendered / judgment: the amount granted; debtor_accepted: the agreed amount'),
    act: commissaireAct.optional().describe('act: which act of the commissaire'),
    hearingOn: dateInput.optional().describe('hearing: the hearing date'),
    installments: z.number().int().min(1).max(36).optional().describe('debtor_accepted: monthly instalments agreed (becomes the case’s plan)'),
    costCents: amountInput.optional().describe('act / served: its cost, recorded as a cost the creditor bears'),
    documentId: uuid.optional().describe('A file already on the case: the order, the act, the title'),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'LegalEventBody', example: { event: 'filed', date: '2027-01-05' } });
export type LegalEventBody = z.infer<typeof legalEventBody>;

export const legalCostBody = z
  .object({
    item: z.string().trim().min(2).max(60),
    description: z.string().trim().min(2).max(500),
    amountCents: amountInput,
    incurredOn: dateInput,
    borneBy: z.enum(['creditor', 'debtor']).default('creditor'),
    advancedByAgency: z.boolean().default(true),
    documentId: uuid.optional(),
  })
  .meta({ id: 'LegalCostBody', example: { item: 'greffe_fee', description: 'Frais de greffe', amountCents: 3347, incurredOn: '2027-01-05' } });
export type LegalCostBody = z.infer<typeof legalCostBody>;

export const legalDocument = z
  .object({
    id: uuid,
    role: z.enum(['requete', 'bordereau', 'dossier', 'request_letter', 'handover', 'piece', 'act']),
    number: z.number().int().nullable().describe('The pièce’s number on the bordereau'),
    title: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: instant,
    downloadUrl: z.string(),
  })
  .meta({ id: 'LegalDocument' });
export type LegalDocumentDto = z.infer<typeof legalDocument>;
export const legalDocumentList = z.object({ items: z.array(legalDocument) }).meta({ id: 'LegalDocumentList' });

/** What a passing check says (a failing or warning check says its code's message, errors.ts). */
export const legalCheckPassLabels = {
  case_standing: { fr: 'Dossier ouvert, débiteur non signalé vulnérable.', en: 'Case open, debtor not flagged vulnerable.' },
  claims_payable: { fr: 'Créances certaines, liquides et exigibles, non prescrites (CPC 1405).', en: 'Claims certain, liquid and payable, not time-barred (CPC 1405).' },
  no_dispute: { fr: 'Aucune contestation ouverte.', en: 'No open dispute.' },
  mandate_judicial: { fr: 'Le mandat est en vigueur et couvre les démarches judiciaires.', en: 'The mandate is in force and covers judicial steps.' },
  mise_en_demeure: { fr: 'Mise en demeure présentée depuis le délai requis.', en: 'Formal notice presented long enough ago.' },
  amount_threshold: { fr: 'Montant compatible avec la procédure.', en: 'Amount within the procedure’s limits.' },
  debtor_address: { fr: 'Adresse du débiteur connue.', en: "Debtor's address known." },
  title: { fr: 'Titre exécutoire disponible ou non requis.', en: 'Enforceable title available or not required.' },
  court: { fr: 'Juridiction ou commissaire de justice compétent trouvé.', en: 'Competent court or commissaire de justice found.' },
} as const;

/** Labels of the estimated cost lines (packages/domain legal-costs.ts items). */
export const legalCostItemLabels: Record<string, { fr: string; en: string }> = {
  greffe_fee: { fr: 'Frais de greffe', en: 'Court registry fee' },
  service_of_order: { fr: 'Signification de l’ordonnance par commissaire de justice', en: 'Service of the order by a commissaire de justice' },
  petites_creances_fee: { fr: 'Procédure simplifiée (commissaire de justice)', en: 'Small-claims procedure (commissaire de justice)' },
  commandement_de_payer: { fr: 'Commandement de payer', en: 'Order to pay (commandement)' },
  saisie_attribution: { fr: 'Saisie-attribution', en: 'Attachment of funds (saisie-attribution)' },
};

export const legalSettings = z
  .object({
    daysAfterMiseEnDemeure: z
      .number()
      .int()
      .min(0)
      .max(90)
      .describe('Days between the mise en demeure’s first presentation and a judicial step (8 by default): the deadline the letter gave the debtor'),
  })
  .meta({ id: 'LegalSettings', example: { daysAfterMiseEnDemeure: 8 } });
export type LegalSettings = z.infer<typeof legalSettings>;

/** What POST legal-actions/{id}/send-to-commissaire answers: the dossier sent by e-mail. */
export const legalDossierSent = z
  .object({
    sentTo: z.string(),
    fileName: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string().describe('SHA-256 of the ZIP attached'),
    delivery: z.enum(['smtp', 'outbox']).describe('outbox: no SMTP server configured, kept in the app’s outbox'),
    sentAt: instant,
  })
  .meta({ id: 'LegalDossierSent' });
export type LegalDossierSentDto = z.infer<typeof legalDossierSent>;

export const legalDocumentParams = z.object({ id: uuid.describe('Legal action id'), documentId: uuid });
