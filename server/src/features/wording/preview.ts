import { randomUUID } from 'node:crypto';
import type { LetterPreview, LetterPreviewBody } from '@relance/contracts/messages';
import { checkLetterCompliance } from '@relance/templates/compliance';
import { letterEmail } from '@relance/templates/emails';
import type { LetterProps } from '@relance/templates/letter-model';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { renderLetterIsolated } from '../../plugins/letter-renderer.ts';
import { getCreditor } from '../creditors/service.ts';
import { loadMessageContext } from '../messages/letter-props.ts';
import { normaliseWording } from '../messages/wording.ts';
import { wordingProblems } from './service.ts';

// A letter previewed on one of the creditor's real cases: with the wording in force, or with a
// draft (the creditor's editor, a manager reading a proposal), checked as it would be on saving.

/**
 * A letter (PDF) and its e-mail rendered on one of the creditor's real cases with the given
 * wording, and what the compliance check says: nothing is sent or kept.
 */
export async function previewLetter(ctx: ActorContext, creditorId: string, body: LetterPreviewBody): Promise<LetterPreview> {
  const creditor = await getCreditor(ctx, creditorId);
  const [found] = body.caseId
    ? await ctx.em.execute<{ id: string; debtor_id: string }[]>('select id, debtor_id from collection_case where id = ? and creditor_id = ?', [
        body.caseId,
        creditor.id,
      ])
    : await ctx.em.execute<{ id: string; debtor_id: string }[]>(
        `select id, debtor_id from collection_case where creditor_id = ? order by (status = 'closed'), created_at desc, id limit 1`,
        [creditor.id],
      );
  if (!found) throw new AppError('not_found', 404, { reason: 'no_case' });
  const context = await loadMessageContext(ctx, {
    id: randomUUID(),
    case_id: found.id,
    creditor_id: creditor.id,
    debtor_id: found.debtor_id,
    channel: 'letter',
    template: body.template,
    locale: body.locale,
    status: 'queued',
    created_by: null,
  });
  const wording = body.wording ? normaliseWording(body.wording) : null;
  const props = { ...context.props, ...(wording ? { wording: wording[body.locale] } : {}) } as LetterProps;
  const compliance = checkLetterCompliance(context.kind, props);
  // A plan, receipt or dispute letter shows that plan, payment or dispute: on a case without one
  // there is nothing to lay out (the templates need it), so the preview asks for another case.
  if (!compliance.ok && compliance.problems.some((problem) => problem.code === 'letter_details_missing')) {
    throw new AppError('letter_preview_needs_details', 409, { template: body.template, caseId: found.id });
  }
  const email = letterEmail(context.kind, props);
  const pdf = await renderLetterIsolated(context.kind, props);
  return {
    caseId: found.id,
    caseReference: context.caseReference,
    subject: email.subject,
    html: email.html,
    pdfBase64: pdf.toString('base64'),
    compliance: { ok: compliance.ok, problems: compliance.ok ? [] : compliance.problems.map((problem) => problem.message[ctx.locale]) },
    wordingProblems: wording
      ? wordingProblems(wording, props.plannedSteps ?? [], [creditor.legalName, creditor.brandDisplayName], ctx.locale).map(({ field, message }) => ({ field, message }))
      : [],
  };
}
