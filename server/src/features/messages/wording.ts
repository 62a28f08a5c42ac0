import { randomUUID } from 'node:crypto';
import type { LetterPreview, LetterPreviewBody, LetterWording } from '@relance/contracts/messages';
import { checkLetterCompliance, checkWording } from '@relance/templates/compliance';
import { letterEmail } from '@relance/templates/emails';
import type { LetterProps } from '@relance/templates/letter-model';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { renderLetterIsolated } from '../../plugins/letter-renderer.ts';
import { getCreditor } from '../creditors/service.ts';
import { loadMessageContext } from './letter-props.ts';

// The creditor's own greeting, tone paragraph and closing (issue 6, templates): stored per
// language, checked before saving (no implied court decision, enforcement or fee), used by
// every letter and e-mail of that creditor, and previewed live on one of its real cases.

const empty: LetterWording = { fr: {}, en: {} };

function normalise(wording: Partial<LetterWording> | null | undefined): LetterWording {
  const clean = (paragraphs: Record<string, string | undefined> | undefined) =>
    Object.fromEntries(Object.entries(paragraphs ?? {}).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as LetterWording['fr'];
  return { fr: clean(wording?.fr), en: clean(wording?.en) };
}

export async function getLetterWording(ctx: ActorContext, creditorId: string): Promise<LetterWording> {
  const creditor = await getCreditor(ctx, creditorId);
  const [row] = await ctx.em.execute<{ wording: LetterWording }[]>('select wording from creditor_letter_wording where creditor_id = ?', [creditor.id]);
  return row ? normalise(row.wording) : empty;
}

function wordingIssues(wording: LetterWording, locale: 'fr' | 'en') {
  return (['fr', 'en'] as const).flatMap((language) =>
    checkWording(wording[language]).map((problem) => ({ path: `${language}.${problem.field}`, field: `${language}.${problem.field}`, message: problem.message[locale] })),
  );
}

export async function saveLetterWording(ctx: ActorContext, creditorId: string, body: LetterWording): Promise<LetterWording> {
  const creditor = await getCreditor(ctx, creditorId);
  const wording = normalise(body);
  const issues = wordingIssues(wording, ctx.locale);
  if (issues.length > 0) throw new AppError('letter_wording_not_allowed', 400, { issues: issues.map(({ path, message }) => ({ path, message })) });
  await ctx.em.execute(
    `insert into creditor_letter_wording (creditor_id, wording, updated_by, updated_at) values (?, ?::jsonb, ?, ?)
     on conflict (creditor_id) do update set wording = excluded.wording, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [creditor.id, JSON.stringify(wording), ctx.actor.userId, ctx.clock.now()],
  );
  return wording;
}

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
  const wording = body.wording ? normalise(body.wording) : null;
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
    wordingProblems: wording ? wordingIssues(wording, ctx.locale).map(({ field, message }) => ({ field, message })) : [],
  };
}
