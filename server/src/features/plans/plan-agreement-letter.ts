import { centsFromDatabase } from '@relance/domain/money';
import { checkLetterCompliance } from '@relance/templates/compliance';
import type { LetterProps } from '@relance/templates/letter-model';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { renderLetterIsolated } from '../../plugins/letter-renderer.ts';
import type { SqlExec } from '../../plugins/sql.ts';
import { addEntry } from '../cases/timeline.ts';
import { storeCaseDocument } from '../documents/service.ts';
import { loadLetterBase } from '../messages/letter-props.ts';
import { createPortalLink } from '../portal/service.ts';

// The branded plan agreement letter (issue 5: "Once agreed: a branded plan agreement (PDF from
// templates/, with the R124-4 mentions) is stored on the case"). Rendered when a plan becomes
// agreed, in the transaction that agrees it, and kept as a case document the debtor sees on
// their page before accepting. CPCE R124-7: a letter missing an R124-4 mention is never produced;
// the compliance problems are written on the timeline instead and the plan stays agreed.

/**
 * Renders the plan agreement of an agreed plan and stores it on the case (kind plan_agreement,
 * visible to the debtor). Returns the document, or null when the letter would lack an R124-4
 * mention (then the problems are on the timeline).
 */
export async function storePlanAgreementLetter(
  ctx: ServiceContext,
  exec: SqlExec,
  planId: string,
  authorId: string | null,
): Promise<{ id: string; sha256: string } | null> {
  const today = todayInParis(ctx.clock);
  const [plan] = await exec<{ case_id: string; creditor_id: string }>('select case_id, creditor_id from payment_plan where id = ?', [planId]);
  if (!plan) throw new AppError('not_found', 404);
  const installments = await exec<{ due_on: string; amount_cents: string }>(
    'select due_on::text as due_on, amount_cents from payment_plan_installment where plan_id = ? order by index',
    [planId],
  );
  // The messages feature builds every letter's common props (brand, agency, décompte, first letter);
  // read on this transaction, where the plan being agreed already exists.
  const base = await loadLetterBase(ctx, exec, {
    caseId: plan.case_id,
    creditorId: plan.creditor_id,
    locale: 'fr',
    template: 'plan_agreement',
    reference: (caseReference) => `${caseReference}-EA-${planId.slice(0, 8).toUpperCase()}`,
  });
  const letterReference = base.props.letterReference;
  const row = { case_id: plan.case_id, creditor_id: plan.creditor_id, reference: base.caseReference };
  const props: LetterProps<'plan'> = {
    ...base.props,
    deadline: installments[0]?.due_on ?? base.props.deadline,
    // R124-4, last paragraph: the first letter's reference and date; when no letter went out
    // before, this agreement is the first letter to the debtor and names itself.
    firstLetter: base.props.firstLetter ?? { reference: letterReference, date: today },
    plan: {
      agreedOn: today,
      method: 'transfer',
      installments: installments.map((installment) => ({ dueDate: installment.due_on, amountCents: centsFromDatabase(installment.amount_cents, 'amount_cents') })),
    },
  };
  const compliance = checkLetterCompliance('plan', props);
  if (!compliance.ok) {
    await addEntry(exec, ctx.clock, {
      caseId: row.case_id,
      kind: 'document',
      authorId,
      text: `Lettre d'accord d'échéancier non produite (CPCE R124-7) : ${compliance.problems.map((problem) => problem.message.fr).join(' ')}`,
      event: {
        code: 'plan_letter_not_produced',
        params: { problems: { fr: compliance.problems.map((problem) => problem.message.fr).join(' '), en: compliance.problems.map((problem) => problem.message.en).join(' ') } },
      },
    });
    return null;
  }
  // The QR code and link lead to the debtor's own page, where they accept the plan (a fresh link,
  // like the one an agent sends; only its hash is kept).
  const portal = await createPortalLink(ctx, row.case_id, authorId, { keepPrevious: true });
  const content = await renderLetterIsolated('plan', { ...props, case: { ...props.case, portalUrl: portal.url } });
  const stored = await storeCaseDocument(exec, {
    caseId: row.case_id,
    creditorId: row.creditor_id,
    kind: 'plan_agreement',
    title: `Accord d'échéancier ${letterReference}`,
    fileName: `accord-echeancier-${row.reference}.pdf`,
    contentType: 'application/pdf',
    content,
    visibleToDebtor: true,
    createdBy: authorId,
  });
  // The debtor's page links the plan to its letter.
  await exec('update payment_plan set agreement_document_id = ? where id = ?', [stored.id, planId]);
  await addEntry(exec, ctx.clock, {
    caseId: row.case_id,
    kind: 'document',
    authorId,
    text: `Lettre d'accord d'échéancier ${letterReference} enregistrée sur le dossier (visible par le débiteur).`,
    event: { code: 'plan_letter_stored', params: { reference: letterReference } },
  });
  return stored;
}
