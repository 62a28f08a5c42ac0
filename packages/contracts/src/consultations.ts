import { z } from 'zod';
import { instant, uuid } from './common.ts';

// Issue 19: the agency consults the creditor about a dispute (a question), the creditor answers
// once, with documents uploaded first to the case (POST /cases/{id}/documents) and named by id.

export const consultationStatuses = ['open', 'answered', 'closed'] as const;
export const consultationStatus = z
  .enum(consultationStatuses)
  .describe('open: awaits the creditor; answered: the creditor answered; closed: the dispute was resolved before an answer');
export type ConsultationStatus = z.infer<typeof consultationStatus>;

export const consultationParams = z.object({ id: uuid.describe('Consultation id') });

export const askConsultationBody = z
  .object({
    question: z.string().trim().min(3).max(4000).describe('What the agency asks the creditor'),
  })
  .meta({ id: 'AskConsultationBody', examples: [{ question: 'Le débiteur dit avoir payé la facture en septembre : avez-vous trace de ce règlement ?' }] });
export type AskConsultationBody = z.infer<typeof askConsultationBody>;

export const answerConsultationBody = z
  .object({
    answer: z.string().trim().min(1).max(8000).describe("The creditor's answer"),
    documentIds: z.array(uuid).max(20).optional().describe('Files of the same case, uploaded first through POST /cases/{id}/documents'),
  })
  .meta({ id: 'AnswerConsultationBody', examples: [{ answer: 'Aucun règlement reçu : voici le relevé de compte client.' }] });
export type AnswerConsultationBody = z.infer<typeof answerConsultationBody>;

export const consultationListQuery = z.object({
  status: consultationStatus.optional(),
  creditorId: uuid.optional().describe('Staff only: one creditor (a creditor user always sees its own)'),
  caseId: uuid.optional().describe("One case's consultations"),
});
export type ConsultationListQuery = z.infer<typeof consultationListQuery>;

export const consultationDocument = z.object({ id: uuid, title: z.string(), fileName: z.string() });

export const consultation = z
  .object({
    id: uuid,
    caseId: uuid,
    caseReference: z.string(),
    creditorId: uuid,
    debtorName: z.string(),
    disputeId: uuid,
    disputeReason: z.string(),
    question: z.string(),
    askedAt: instant,
    askedByName: z.string().nullable(),
    status: consultationStatus,
    answer: z.string().nullable(),
    answeredAt: instant.nullable(),
    answeredByName: z.string().nullable(),
    documents: z.array(consultationDocument).describe('Files the creditor joined to the answer'),
  })
  .meta({ id: 'Consultation' });
export type Consultation = z.infer<typeof consultation>;

export const consultationList = z.object({ items: z.array(consultation), nextCursor: z.null() }).meta({ id: 'ConsultationList' });
export type ConsultationList = z.infer<typeof consultationList>;
