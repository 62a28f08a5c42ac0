import type { CaseRegistry } from '@relance/contracts/registry';
import { frenchDate } from '@relance/domain/calendar';
import { requireAccess } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { addEntry } from '../cases/timeline.ts';
import { getCaseRegistry, loadCaseCompany, newerRegisteredAddress } from './read.ts';

// What an agent does from the registry card: take the registered office's address (one click, in
// the audit trail) and record that the claim was declared to the mandataire.

/**
 * The registered office's address becomes the debtor's valid postal address; the addresses on file
 * are kept but no longer valid (letters follow the company to its registered office).
 */
export async function adoptRegisteredAddress(ctx: ActorContext, caseId: string): Promise<CaseRegistry> {
  await requireAccess(ctx, 'case', caseId);
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const found = await loadCaseCompany(exec, caseId);
    const newer = await newerRegisteredAddress(exec, found);
    const company = found.company;
    if (!newer || !company?.address_line1 || !company.postal_code || !company.city) throw new AppError('registry_address_unavailable', 409);
    const previous = await exec<{ line1: string; postal_code: string; city: string }>('select line1, postal_code, city from debtor_address where debtor_id = ? and valid', [found.debtorId]);
    await exec('update debtor_address set valid = false where debtor_id = ? and valid', [found.debtorId]);
    await exec(
      `insert into debtor_address (debtor_id, line1, postal_code, city) values (?, ?, ?, ?)
       on conflict (debtor_id, line1, postal_code) do update set city = excluded.city, valid = true`,
      [found.debtorId, company.address_line1, company.postal_code, company.city],
    );
    await addEntry(exec, ctx.clock, {
      caseId,
      kind: 'note',
      authorId: ctx.actor.userId,
      text: `Adresse du siège reprise du registre (${company.provider}) : ${newer.registered}.`,
      event: { code: 'registry_address_adopted', params: { address: newer.registered } },
    });
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'registry_address_adopted',
      entity: 'case',
      entityId: caseId,
      caseId,
      creditorId: found.creditorId,
      details: { siren: found.siren, provider: company.provider, adopted: newer.registered, previous: previous.map((address) => `${address.line1}, ${address.postal_code} ${address.city}`) },
    });
  });
  return await getCaseRegistry(ctx, caseId);
}

/** The claim was sent to the mandataire on `declaredOn`: the task is done (timeline, audit). */
export async function markClaimDeclared(ctx: ActorContext, caseId: string, declarationId: string, declaredOn: string): Promise<CaseRegistry> {
  await requireAccess(ctx, 'case', caseId);
  if (declaredOn > todayInParis(ctx.clock)) throw new AppError('date_in_future', 400, { field: 'declaredOn', date: declaredOn });
  await ctx.em.transactional(async (em) => {
    const exec = emExec(em);
    const [row] = await exec<{ creditor_id: string; declared_on: string | null; due_on: string }>(
      'select creditor_id, declared_on::text as declared_on, due_on::text as due_on from claim_declaration where id = ? and case_id = ? for update',
      [declarationId, caseId],
    );
    if (!row) throw new AppError('not_found', 404);
    if (row.declared_on) throw new AppError('claim_declaration_already_declared', 409, { declaredOn: row.declared_on });
    await exec('update claim_declaration set declared_on = ?, declared_by = ? where id = ?', [declaredOn, ctx.actor.userId, declarationId]);
    await addEntry(exec, ctx.clock, {
      caseId,
      kind: 'legal',
      authorId: ctx.actor.userId,
      text: `Créance déclarée au mandataire judiciaire le ${frenchDate(declaredOn)}${declaredOn > row.due_on ? ' (après le délai : demander un relevé de forclusion, C. com. L622-26)' : ''}.`,
      event: { code: 'claim_declared', params: { declaredOn } },
    });
    await recordAudit(exec, {
      actorId: ctx.actor.userId,
      at: ctx.clock.now(),
      action: 'claim_declared',
      entity: 'claim_declaration',
      entityId: declarationId,
      caseId,
      creditorId: row.creditor_id,
      details: { declaredOn, dueOn: row.due_on },
    });
  });
  return await getCaseRegistry(ctx, caseId);
}
