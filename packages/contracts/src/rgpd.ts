import { z } from 'zod';
import { activity } from './cases.ts';
import { businessDate, dateInput, instant, uuid } from './common.ts';

// The agency's RGPD duties towards debtors (issue 13, item 14). The agency is the processor of
// its creditors (each creditor is the controller of its debtors' data) and helps them answer the
// people concerned: access (art. 15), rectification (art. 16), erasure (art. 17), within one
// month of the request (art. 12(3)).

/** Free text kept in PostgreSQL: trimmed, bounded, and without the NUL character it refuses. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'no NUL character');

/** A business date in a request (the shared bounds; a request received in the future is refused by the server). */
const pastBusinessDate = dateInput;

export const rgpdRequestKind = z
  .enum(['access', 'rectification', 'erasure'])
  .describe('access: art. 15 (answered with the data export); rectification: art. 16; erasure: art. 17');
export type RgpdRequestKind = z.infer<typeof rgpdRequestKind>;

export const rgpdRequestChannel = z.enum(['email', 'letter', 'phone', 'portal', 'in_person', 'via_creditor']);
export type RgpdRequestChannel = z.infer<typeof rgpdRequestChannel>;

export const rgpdRequestStatus = z.enum(['pending', 'done', 'refused']);
export type RgpdRequestStatus = z.infer<typeof rgpdRequestStatus>;

export const createRgpdRequestBody = z
  .object({
    kind: rgpdRequestKind,
    requesterName: text(200).describe('Who asked: the debtor, or who acts for them (and in what capacity)'),
    channel: rgpdRequestChannel.describe('How the request reached the agency'),
    receivedOn: pastBusinessDate.describe('The day it was received: the one-month deadline runs from it (art. 12(3))'),
    details: text(4000).describe('What is asked: which data, which correction'),
  })
  .meta({ id: 'CreateRgpdRequestBody' });
export type CreateRgpdRequestBody = z.infer<typeof createRgpdRequestBody>;

/** Identity fields a rectification may correct (art. 16), and contacts it may correct or remove. */
export const rectificationChanges = z
  .object({
    firstName: text(100).nullable().optional(),
    lastName: text(100).nullable().optional(),
    companyName: text(200).nullable().optional(),
    displayName: text(200).optional().describe('The name shown everywhere (letters, screens)'),
    emails: z.array(z.object({ id: uuid, email: z.email().max(254) })).max(20).optional(),
    phones: z.array(z.object({ id: uuid, phone: text(30) })).max(20).optional(),
    addresses: z
      .array(z.object({ id: uuid, line1: text(200), postalCode: text(16), city: text(100) }))
      .max(20)
      .optional(),
    removeContacts: z
      .array(z.object({ kind: z.enum(['email', 'phone', 'address']), id: uuid }))
      .max(60)
      .optional()
      .describe('Contacts the person says are not theirs'),
  })
  .meta({ id: 'RectificationChanges' });
export type RectificationChanges = z.infer<typeof rectificationChanges>;

export const decideRgpdRequestBody = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('answer').describe('access: the export was sent to the person') }),
    z.object({ decision: z.literal('rectify'), changes: rectificationChanges }),
    z.object({
      decision: z.literal('erase').describe('Anonymises the debtor now; refused, with the legal reason stored, while the claim is being collected'),
    }),
    z.object({ decision: z.literal('refuse'), reason: text(2000).describe('Why, as the person will be told (art. 12(4))') }),
  ])
  .meta({ id: 'DecideRgpdRequestBody' });
export type DecideRgpdRequestBody = z.infer<typeof decideRgpdRequestBody>;

export const rgpdRequest = z
  .object({
    id: uuid,
    caseId: uuid,
    caseReference: z.string(),
    creditorId: uuid,
    creditorName: z.string(),
    debtorName: z.string(),
    kind: rgpdRequestKind,
    requesterName: z.string(),
    channel: rgpdRequestChannel,
    receivedOn: businessDate,
    dueOn: businessDate.describe('One month after receipt (art. 12(3))'),
    overdue: z.boolean().describe('Still pending after its due date'),
    details: z.string(),
    status: rgpdRequestStatus,
    outcome: z.enum(['answered', 'rectified', 'erased', 'refused']).nullable(),
    refusal: z
      .object({
        code: z.enum(['claim_open', 'other']),
        reason: z.string().describe('The reason shown to the manager and kept with the request'),
      })
      .nullable(),
    rectifiedFields: z.array(z.string()).nullable(),
    claimOpen: z.boolean().describe('The case is still being collected: an erasure would be refused (art. 17(3)(e))'),
    recordedBy: z.string().nullable().describe('Name of the staff member who recorded it'),
    recordedAt: instant,
    decidedBy: z.string().nullable(),
    decidedAt: instant.nullable(),
  })
  .meta({ id: 'RgpdRequest' });
export type RgpdRequest = z.infer<typeof rgpdRequest>;

export const listRgpdRequestsQuery = z.object({
  status: rgpdRequestStatus.optional(),
  caseId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

/**
 * Everything the agency holds on one debtor for one creditor (art. 15), as handed to the person.
 * Vulnerability notes are left out like everywhere outside the agency's staff (issue 13, item 13).
 */
export const debtorDataExport = z
  .object({
    generatedAt: instant,
    generatedBy: z.string(),
    controller: z.object({ legalName: z.string(), address: z.string() }).describe('The creditor, who decided to collect the claim'),
    processor: z.object({ name: z.string(), address: z.string() }).describe('The agency, collecting under the creditor’s mandate'),
    processing: z.object({
      purpose: z.string(),
      legalBasis: z.string(),
      source: z.string().describe('Where the data came from (art. 15(1)(g))'),
      recipients: z.array(z.string()),
      retention: z.string(),
      rights: z.string(),
    }),
    debtor: z.object({
      kind: z.enum(['company', 'person']),
      displayName: z.string(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      companyName: z.string().nullable(),
      siren: z.string().nullable(),
      recordedAt: instant,
      emails: z.array(z.object({ email: z.string(), valid: z.boolean() })),
      phones: z.array(z.object({ phone: z.string(), valid: z.boolean() })),
      addresses: z.array(z.object({ line1: z.string(), postalCode: z.string(), city: z.string(), country: z.string(), valid: z.boolean() })),
    }),
    case: z.object({
      reference: z.string(),
      externalRef: z.string().nullable(),
      status: z.string(),
      openedOn: businessDate,
      closedAt: instant.nullable(),
      anonymisedAt: instant.nullable(),
    }),
    claims: z.array(z.object({ invoiceRef: z.string(), issueDate: businessDate, dueDate: businessDate, amountCents: z.number().int(), currency: z.string() })),
    payments: z.array(z.object({ receivedOn: businessDate, amountCents: z.number().int(), currency: z.string(), method: z.string() })),
    promises: z.array(z.object({ madeOn: businessDate, dueOn: businessDate, amountCents: z.number().int(), status: z.string(), note: z.string().nullable() })),
    plans: z.array(
      z.object({
        status: z.string(),
        totalCents: z.number().int(),
        frequency: z.string(),
        proposedAt: instant,
        installments: z.array(z.object({ dueOn: businessDate, amountCents: z.number().int(), paidCents: z.number().int() })),
      }),
    ),
    disputes: z.array(z.object({ openedAt: instant, reason: z.string(), resolution: z.string().nullable(), resolvedAt: instant.nullable() })),
    messages: z.array(
      z.object({
        channel: z.string(),
        template: z.string(),
        recipient: z.string().nullable(),
        subject: z.string().nullable(),
        status: z.string(),
        queuedAt: instant,
        sentAt: instant.nullable(),
      }),
    ),
    documents: z.array(z.object({ kind: z.string(), title: z.string(), createdAt: instant, sizeBytes: z.number().int(), sha256: z.string() })),
    timeline: z.array(activity),
    portalLinks: z.array(z.object({ createdAt: instant, expiresAt: instant })),
    requests: z.array(z.object({ kind: rgpdRequestKind, receivedOn: businessDate, status: rgpdRequestStatus, outcome: z.string().nullable() })),
  })
  .meta({ id: 'DebtorDataExport' });
export type DebtorDataExport = z.infer<typeof debtorDataExport>;
