import type { MikroORM } from '@mikro-orm/postgresql';
import { frenchDate } from '@relance/domain/calendar';
import { addDays } from '@relance/domain/dates';
import { demoCommissaires, demoCompetence, demoCourts } from '@relance/seeds/demo-courts';
import type { Config } from '../config.ts';
import { addEntry, clockAt } from '../features/cases/timeline.ts';
import { proposeLegalAction } from '../features/legal/actions.ts';
import { decideLegalAction } from '../features/legal/approvals.ts';
import { recordLegalEvent } from '../features/legal/events.ts';
import { normaliseCommune } from '../features/legal/venue.ts';
import type { ActorContext, Clock, UserActor } from '../plugins/context.ts';
import { emExec, type SqlExec } from '../plugins/sql.ts';
import type { Secrets } from './secrets.ts';

// The judicial phase of the demo (issue 16): the court directory and the commissaires for the
// demo's communes (seeds/src/demo-courts.ts), and three injonctions de payer on B2B cases, made
// through the legal feature's own service functions at back-dated instants, so their pre-checks,
// approvals, events, timeline, audit, webhooks and the case status are what the API would have
// written: one proposed and approved by the agency, awaiting the creditor; one with its order
// rendered five months ago (the six-month service deadline, CPC 1411, is weeks away); one served
// ten days ago (the one-month opposition window, CPC 1416, is running).

/** The directory rows of the demo (source 'seed'), commune names as the directory compares them. */
export async function seedCourtDirectory(exec: SqlExec): Promise<void> {
  await exec(
    `insert into court (code, kind, name, address_line1, postal_code, city, cour_appel, source)
     select code, kind, name, address_line1, postal_code, city, cour_appel, 'seed'
       from jsonb_to_recordset(?::jsonb) as x(code text, kind text, name text, address_line1 text, postal_code text, city text, cour_appel text)
     on conflict (code) do nothing`,
    [JSON.stringify(demoCourts().map((c) => ({ code: c.code, kind: c.kind, name: c.name, address_line1: c.addressLine1, postal_code: c.postalCode, city: c.city, cour_appel: c.courAppel })))],
  );
  await exec(
    `insert into court_competence (court_id, commune_code, postal_code, commune_name)
     select c.id, x.commune_code, x.postal_code, x.commune_name
       from jsonb_to_recordset(?::jsonb) as x(court_code text, commune_code text, postal_code text, commune_name text) join court c on c.code = x.court_code
     on conflict do nothing`,
    [JSON.stringify(demoCompetence().map((r) => ({ court_code: r.courtCode, commune_code: r.communeCode, postal_code: r.postalCode, commune_name: normaliseCommune(r.communeName) })))],
  );
  for (const c of demoCommissaires()) {
    await exec(
      `insert into commissaire (etude, name, address_line1, postal_code, city, email, phone, accepts_email, cour_appel_districts, active)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?)`,
      [c.etude, c.name, c.addressLine1, c.postalCode, c.city, c.email, c.phone, c.acceptsEmail, `{${c.courAppelDistricts.map((d) => `"${d}"`).join(',')}}`, c.active],
    );
  }
}

type Candidate = { id: string; opened_on: string };

/**
 * B2B cases of the building-materials creditor that can go to court: a company debtor, amicable,
 * no payment, every claim due well before the case was placed (their mise en demeure came first),
 * placed early enough for the oldest scenario; deterministic (by reference).
 */
async function candidateCases(exec: SqlExec, openedBefore: string): Promise<Candidate[]> {
  return await exec<Candidate>(
    `select c.id, c.opened_on::text as opened_on
       from collection_case c join creditor cr on cr.id = c.creditor_id join debtor d on d.id = c.debtor_id
      where cr.kind = 'company' and cr.mandate_covers_judicial and d.kind = 'company' and c.status = 'amicable'
        and c.opened_on <= ?::date
        and not exists (select 1 from payment p where p.case_id = c.id)
        and (select max(cl.due_date) from claim cl where cl.case_id = c.id) < c.opened_on - 20
        and exists (select 1 from debtor_address a where a.debtor_id = d.id and a.valid)
        and not exists (select 1 from claim cl where cl.case_id = c.id and cl.nature <> 'commercial')
      order by cr.legal_name desc, c.reference limit 3`,
    [openedBefore],
  );
}

/**
 * The creditor sent the mise en demeure by registered letter before placing the case, and the
 * post presented it ten days before the case was placed (as a date typed at placement or import:
 * collection_case.mise_en_demeure_on, C. civ. 1344).
 */
async function presentMiseEnDemeure(exec: SqlExec, candidate: Candidate): Promise<void> {
  const presentedOn = addDays(candidate.opened_on, -10);
  await exec('update collection_case set mise_en_demeure_on = ?::date where id = ?', [presentedOn, candidate.id]);
  await addEntry(exec, clockAt(new Date(`${candidate.opened_on}T09:05:00Z`)), {
    caseId: candidate.id,
    kind: 'message',
    text: `Mise en demeure adressée par le créancier par lettre recommandée avant la remise du dossier : première présentation le ${frenchDate(presentedOn)}.`,
    event: { code: 'prior_formal_notice', params: { presentedOn } },
  });
}

type Actors = { agent: UserActor; manager: UserActor; creditor: UserActor };

async function actorsOf(exec: SqlExec, creditorId: string): Promise<Actors> {
  const users = await exec<{ id: string; email: string; name: string; role: UserActor['role']; creditor_id: string | null }>(
    `select id, email, name, role, creditor_id from app_user where email in ('agent1@relance.test', 'manager@relance.test') or (role = 'creditor' and creditor_id = ?) order by email`,
    [creditorId],
  );
  const actor = (match: (u: (typeof users)[number]) => boolean): UserActor => {
    const user = users.find(match) as (typeof users)[number];
    return { userId: user.id, role: user.role, creditorId: user.creditor_id, name: user.name };
  };
  return { agent: actor((u) => u.email === 'agent1@relance.test'), manager: actor((u) => u.email === 'manager@relance.test'), creditor: actor((u) => u.role === 'creditor') };
}

/** What happens to each of the three actions, days before today (at 10:00 Paris time, back-dated). */
type Step = { daysAgo: number; as: keyof Actors; do: 'propose' | 'approve' | { event: 'filed' | 'order_rendered' | 'served'; amount?: boolean; costCents?: number } };

const scenarios: Step[][] = [
  // Served ten days ago: the opposition month runs (CPC 1416).
  [
    { daysAgo: 120, as: 'agent', do: 'propose' },
    { daysAgo: 118, as: 'creditor', do: 'approve' },
    { daysAgo: 117, as: 'manager', do: 'approve' },
    { daysAgo: 110, as: 'agent', do: { event: 'filed' } },
    { daysAgo: 62, as: 'agent', do: { event: 'order_rendered', amount: true } },
    { daysAgo: 10, as: 'agent', do: { event: 'served', costCents: 68_40 } },
  ],
  // Order rendered about five months ago and not served yet: six months to serve it (CPC 1411).
  [
    { daysAgo: 190, as: 'agent', do: 'propose' },
    { daysAgo: 188, as: 'manager', do: 'approve' },
    { daysAgo: 186, as: 'creditor', do: 'approve' },
    { daysAgo: 180, as: 'agent', do: { event: 'filed' } },
    { daysAgo: 160, as: 'agent', do: { event: 'order_rendered', amount: true } },
  ],
  // Proposed three days ago and approved by the agency: the creditor's decision is awaited.
  [
    { daysAgo: 3, as: 'agent', do: 'propose' },
    { daysAgo: 2, as: 'manager', do: 'approve' },
  ],
];

async function runScenario(base: Omit<ActorContext, 'clock' | 'actor'>, today: string, caseId: string, steps: Step[], actors: Actors): Promise<void> {
  let actionId = '';
  let claimed = 0;
  for (const step of steps) {
    const day = addDays(today, -step.daysAgo);
    const ctx: ActorContext = { ...base, clock: clockAt(new Date(`${day}T09:00:00Z`)), actor: actors[step.as] };
    if (step.do === 'propose') {
      const proposed = await proposeLegalAction(ctx, caseId, { kind: 'injonction_de_payer', note: 'Relances amiables restées sans effet.' });
      actionId = proposed.id;
      claimed = proposed.claimedCents;
    } else if (step.do === 'approve') {
      await decideLegalAction(ctx, actionId, { decision: 'approve' });
    } else {
      const { event, amount, costCents } = step.do;
      await recordLegalEvent(ctx, actionId, { event, date: day, ...(amount ? { amountCents: claimed } : {}), ...(costCents ? { costCents } : {}) });
    }
  }
}

/** The three demo actions (after the prescription dates are known: the pre-checks read them). */
export async function seedLegalActions(orm: MikroORM, options: { clock: Clock; config: Config; secrets: Secrets; today: string }): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    const exec = emExec(em);
    const candidates = await candidateCases(exec, addDays(options.today, -200));
    const base = { em, config: options.config, secrets: options.secrets, locale: 'fr' as const };
    for (const [index, candidate] of candidates.entries()) {
      await presentMiseEnDemeure(exec, candidate);
      const [row] = await exec<{ creditor_id: string }>('select creditor_id from collection_case where id = ?', [candidate.id]);
      await runScenario(base, options.today, candidate.id, scenarios[index] as Step[], await actorsOf(exec, (row as { creditor_id: string }).creditor_id));
    }
  });
}
