import { idempotencyHeaders } from '@relance/contracts/cases';
import { errorBody } from '@relance/contracts/common';
import { portalTokenParams } from '@relance/contracts/portal';
import { disputeReasonCodes, MAX_EVIDENCE_BYTES, MAX_TALK_TEXT, portalDisputeList, portalDisputeResult } from '@relance/contracts/portal-talk';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readForm } from '../../plugins/multipart-form.ts';
import { portalContextOf, portalRateLimit } from '../../plugins/request-context.ts';
import { verifiedCaseId } from '../portal/verification.ts';
import { listPortalDisputes, openPortalDispute } from './portal.ts';

/** The debtor's disputes on their page (features/disputes/portal.ts). */
export async function portalDisputeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/portal/:token/disputes', {
    config: { access: 'portal', rateLimit: portalRateLimit(60) },
    schema: {
      tags: ['portal'],
      summary: "The debtor's disputes with their state: open, or resolved (upheld, rejected, settled), and their evidence files",
      description: 'Needs the verified session (401 portal_verification_required before the check; 404 portal_link_invalid for a dead link).',
      params: portalTokenParams,
      response: { 200: portalDisputeList, 401: errorBody, 404: errorBody },
    },
    handler: async (request) => await listPortalDisputes(portalContextOf(request)),
  });

  r.post('/api/v1/portal/:token/disputes', {
    config: { access: 'portal', rateLimit: portalRateLimit(10) },
    schema: {
      tags: ['portal'],
      summary: 'The debtor disputes the debt, or one claim, with a reason, their words and a piece of evidence: the case goes to disputed and all contact stops',
      description:
        `multipart/form-data (or JSON without a file): \`reason\` (${disputeReasonCodes.join(', ')}), \`text\` (required for other, ${MAX_TALK_TEXT} characters at most), ` +
        `optional \`claimRef\` (an invoice reference the page shows: 422 dispute_claim_unknown otherwise), optional \`file\`: a PDF, JPEG or PNG of ` +
        `${MAX_EVIDENCE_BYTES / 1024 / 1024} MB at most, read as a stream and cut at the limit (413 document_too_large), typed from its bytes ` +
        '(415 evidence_type_not_allowed), images decoded and re-encoded without metadata, a PDF complete (422 evidence_unreadable otherwise); ' +
        'kept as a case document with its SHA-256. The creditor is told (webhook case.disputed with reasonCode, claimRef, evidenceDocumentId). ' +
        '201: the new dispute. 200 with `alreadyOpen: true`: a dispute is already open, nothing new is recorded and this is its state. ' +
        '409 portal_case_closed (a closed file), 409 dispute_at_court_stage (before the court). With an `Idempotency-Key` (one per form ' +
        'submission) a retry replays the first answer; 400 dispute_text_required, form_invalid, validation_failed; 401 before the check.',
      consumes: ['multipart/form-data', 'application/json'],
      params: portalTokenParams,
      headers: idempotencyHeaders,
      response: {
        200: portalDisputeResult,
        201: portalDisputeResult,
        400: errorBody,
        401: errorBody,
        404: errorBody,
        409: errorBody,
        413: errorBody,
        415: errorBody,
        422: errorBody,
        429: errorBody,
      },
    },
    handler: async (request, reply) => {
      const ctx = portalContextOf(request);
      // The link and the session are checked before the body is read: a stranger's upload is not read.
      await verifiedCaseId(ctx);
      const form = await readForm(request, { maxFileBytes: MAX_EVIDENCE_BYTES });
      const result = await openPortalDispute(ctx, form, request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  });
}
