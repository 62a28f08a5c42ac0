import type { LetterWording } from '@relance/contracts/messages';
import type { LetterWordingSaved, WordingProblemDto, WordingProposal, WordingProposalStatus } from '@relance/contracts/wording';
import { checkWording, type PlannableStep, wordingProblemMessage } from '@relance/domain/wording-check';
import { isAgencyStaff } from '../../plugins/access.ts';
import type { ActorContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import type { Creditor } from '../creditors/entities.ts';
import { plannedStepsForCreditor } from '../creditors/planned-steps.ts';
import { getCreditor } from '../creditors/service.ts';
import { normaliseWording, putWordingInForce, wordingInForce } from '../messages/wording.ts';

// Issue 15, "Words the agency is responsible for". The creditor's greeting, tone paragraph and
// closing are the agency's words once printed: a creditor's edit is a PROPOSAL (the wording in
// force stays until an agency manager or administrator approves it); the agency's manager or
// administrator editing it applies it at once (decision: they are the ones who approve, so a
// proposal to themselves would be a formality; still checked and audited, and it supersedes a
// pending proposal). The checker (@relance/domain wording-check, against the steps the creditor's
// strategies plan) refuses on saving (400 letter_wording_not_allowed naming each phrase), runs
// again on approval (409 when the strategies changed since), and once more before each letter is
// sent (templates' compliance check).

type ProposalRow = {
  id: string;
  creditor_id: string;
  creditor_name: string;
  legal_name: string;
  status: WordingProposalStatus;
  wording: LetterWording;
  previous: LetterWording;
  proposed_at: Date;
  proposed_by: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  decision_reason: string | null;
};

const PROPOSAL_SELECT = `
  select p.id, p.creditor_id, c.brand_display_name as creditor_name, c.legal_name, p.status, p.wording, p.previous,
         p.proposed_at, pu.name as proposed_by, p.decided_at, du.name as decided_by, p.decision_reason
    from creditor_wording_proposal p
    join creditor c on c.id = p.creditor_id
    left join app_user pu on pu.id = p.proposed_by
    left join app_user du on du.id = p.decided_by`;

/** The checker's findings on a wording, per language, in the caller's language. */
export function wordingProblems(wording: LetterWording, planned: readonly PlannableStep[], ownNames: readonly string[], locale: 'fr' | 'en'): WordingProblemDto[] {
  return (['fr', 'en'] as const).flatMap((language) =>
    checkWording(wording[language], planned, { ownNames }).map((problem) => ({
      field: `${language}.${problem.field}`,
      rule: problem.rule,
      phrase: problem.phrase,
      step: problem.step,
      article: problem.article,
      message: wordingProblemMessage(problem, locale),
    })),
  );
}

const ownNamesOf = (creditor: { legal_name: string; creditor_name: string } | Creditor): string[] =>
  'legalName' in creditor ? [creditor.legalName, creditor.brandDisplayName] : [creditor.legal_name, creditor.creditor_name];

/** 400 letter_wording_not_allowed with every phrase, the way the API always refused wording (`issues`), plus the checker's detail. */
function refuseWording(problems: WordingProblemDto[], status: 400 | 409): never {
  throw new AppError('letter_wording_not_allowed', status, { issues: problems.map(({ field, message }) => ({ path: field, message })), problems });
}

function toProposal(row: ProposalRow, problems: WordingProblemDto[]): WordingProposal {
  return {
    id: row.id,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    status: row.status,
    wording: normaliseWording(row.wording),
    previous: normaliseWording(row.previous),
    proposedAt: new Date(row.proposed_at).toISOString(),
    proposedBy: row.proposed_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decidedBy: row.decided_by,
    reason: row.decision_reason,
    problems,
  };
}

/** Proposals with what the checker says of the pending ones now (decided ones are history). */
async function proposalsOf(ctx: ActorContext, exec: SqlExec, rows: ProposalRow[]): Promise<WordingProposal[]> {
  const planned = new Map<string, PlannableStep[]>();
  const result: WordingProposal[] = [];
  for (const row of rows) {
    if (row.status !== 'pending') {
      result.push(toProposal(row, []));
      continue;
    }
    if (!planned.has(row.creditor_id)) planned.set(row.creditor_id, await plannedStepsForCreditor(exec, row.creditor_id));
    result.push(toProposal(row, wordingProblems(normaliseWording(row.wording), planned.get(row.creditor_id) ?? [], ownNamesOf(row), ctx.locale)));
  }
  return result;
}

export async function getLetterWording(ctx: ActorContext, creditorId: string): Promise<LetterWording> {
  const creditor = await getCreditor(ctx, creditorId);
  return await wordingInForce(emExec(ctx.em), creditor.id);
}

/** Agency managers and administrators put wording in force themselves; a creditor (user or API key) proposes. */
function appliesAtOnce(ctx: ActorContext): boolean {
  return isAgencyStaff(ctx.actor) && (ctx.actor.role === 'admin' || ctx.actor.role === 'manager');
}

async function supersedePending(exec: SqlExec, creditorId: string, by: string | null, at: Date, reason: string): Promise<string[]> {
  const rows = await exec<{ id: string }>(
    `update creditor_wording_proposal set status = 'superseded', decided_by = ?, decided_at = ?, decision_reason = ?
      where creditor_id = ? and status = 'pending' returning id`,
    [by, at, reason, creditorId],
  );
  return rows.map((row) => row.id);
}

/**
 * PUT letter-wording: checked against the creditor's planned steps (refused outright: 400 with
 * each phrase), then in force at once (agency) or kept as the creditor's pending proposal, which
 * replaces its previous pending one. Audited either way.
 */
export async function saveLetterWording(ctx: ActorContext, creditorId: string, body: LetterWording): Promise<LetterWordingSaved> {
  const creditor = await getCreditor(ctx, creditorId);
  const wording = normaliseWording(body);
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    await exec('select id from creditor where id = ? for update', [creditor.id]);
    const problems = wordingProblems(wording, await plannedStepsForCreditor(exec, creditor.id), ownNamesOf(creditor), ctx.locale);
    if (problems.length > 0) refuseWording(problems, 400);
    const now = ctx.clock.now();
    const previous = await wordingInForce(exec, creditor.id);
    const audit = { actorId: ctx.actor.userId, at: now, entity: 'creditor', entityId: creditor.id, creditorId: creditor.id };
    if (appliesAtOnce(ctx)) {
      const superseded = await supersedePending(exec, creditor.id, ctx.actor.userId, now, "Remplacée par les textes saisis par l'agence.");
      await putWordingInForce(exec, { creditorId: creditor.id, wording, by: ctx.actor.userId, at: now });
      await recordAudit(exec, { ...audit, action: 'letter_wording_applied', details: { before: previous, after: wording, supersededProposals: superseded } });
      return { outcome: 'applied', inForce: wording, proposal: null };
    }
    await supersedePending(exec, creditor.id, ctx.actor.userId, now, 'Remplacée par une nouvelle proposition.');
    const [row] = await exec<{ id: string }>(
      `insert into creditor_wording_proposal (creditor_id, wording, previous, proposed_by, proposed_at) values (?, ?::jsonb, ?::jsonb, ?, ?) returning id`,
      [creditor.id, JSON.stringify(wording), JSON.stringify(previous), ctx.actor.userId, now],
    );
    const id = (row as { id: string }).id;
    await recordAudit(exec, { ...audit, action: 'letter_wording_proposed', details: { proposalId: id, before: previous, proposed: wording } });
    const [proposal] = await proposalsOf(ctx, exec, await exec<ProposalRow>(`${PROPOSAL_SELECT} where p.id = ?`, [id]));
    return { outcome: 'proposed', inForce: previous, proposal: proposal ?? null };
  });
}

/** A creditor's proposals, newest first (the creditor sees its pending one, its status and a refusal's reason). */
export async function listCreditorProposals(ctx: ActorContext, creditorId: string): Promise<{ items: WordingProposal[] }> {
  const creditor = await getCreditor(ctx, creditorId);
  const exec = emExec(ctx.em);
  const rows = await exec<ProposalRow>(`${PROPOSAL_SELECT} where p.creditor_id = ? order by p.proposed_at desc, p.id desc limit 20`, [creditor.id]);
  return { items: await proposalsOf(ctx, exec, rows) };
}

/** Every creditor's proposals in one status (pending by default), oldest first: the managers' worklist. */
export async function listProposals(ctx: ActorContext, query: { status: WordingProposalStatus }): Promise<{ items: WordingProposal[] }> {
  const exec = emExec(ctx.em);
  const order = query.status === 'pending' ? 'p.proposed_at, p.id' : 'p.decided_at desc, p.id desc';
  const rows = await exec<ProposalRow>(`${PROPOSAL_SELECT} where p.status = ? order by ${order} limit 200`, [query.status]);
  return { items: await proposalsOf(ctx, exec, rows) };
}

async function lockPending(exec: SqlExec, id: string): Promise<ProposalRow> {
  const [locked] = await exec<{ status: WordingProposalStatus }>('select status from creditor_wording_proposal where id = ? for update', [id]);
  if (!locked) throw new AppError('not_found', 404);
  if (locked.status !== 'pending') throw new AppError('wording_proposal_not_pending', 409, { status: locked.status });
  const [row] = await exec<ProposalRow>(`${PROPOSAL_SELECT} where p.id = ?`, [id]);
  return row as ProposalRow;
}

/** Approves: checked again (the strategies may have changed), put in force, audited. */
export async function approveProposal(ctx: ActorContext, id: string): Promise<WordingProposal> {
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const row = await lockPending(exec, id);
    const wording = normaliseWording(row.wording);
    const problems = wordingProblems(wording, await plannedStepsForCreditor(exec, row.creditor_id), ownNamesOf(row), ctx.locale);
    if (problems.length > 0) refuseWording(problems, 409);
    const now = ctx.clock.now();
    const before = await wordingInForce(exec, row.creditor_id);
    await putWordingInForce(exec, { creditorId: row.creditor_id, wording, by: ctx.actor.userId, at: now });
    await exec(`update creditor_wording_proposal set status = 'approved', decided_by = ?, decided_at = ? where id = ?`, [ctx.actor.userId, now, id]);
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: now,
      action: 'letter_wording_approved',
      entity: 'creditor_wording_proposal',
      entityId: id,
      creditorId: row.creditor_id,
      details: { before, after: wording },
    });
    const [approved] = await proposalsOf(ctx, exec, await exec<ProposalRow>(`${PROPOSAL_SELECT} where p.id = ?`, [id]));
    return approved as WordingProposal;
  });
}

/** Refuses with a reason the creditor reads; the wording in force does not change. */
export async function refuseProposal(ctx: ActorContext, id: string, reason: string): Promise<WordingProposal> {
  return await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const row = await lockPending(exec, id);
    const now = ctx.clock.now();
    await exec(`update creditor_wording_proposal set status = 'refused', decided_by = ?, decided_at = ?, decision_reason = ? where id = ?`, [
      ctx.actor.userId,
      now,
      reason,
      id,
    ]);
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: now,
      action: 'letter_wording_refused',
      entity: 'creditor_wording_proposal',
      entityId: id,
      creditorId: row.creditor_id,
      details: { reason, proposed: normaliseWording(row.wording) },
    });
    const [refused] = await proposalsOf(ctx, exec, await exec<ProposalRow>(`${PROPOSAL_SELECT} where p.id = ?`, [id]));
    return refused as WordingProposal;
  });
}
