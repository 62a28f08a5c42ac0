import type { CaseRegistry, ClaimDeclarationDto } from '@relance/contracts/registry';
import { comparableText, type ProceedingType, proceedingInForce, registryFlag } from '@relance/domain/insolvency';
import { requireAccess } from '../../plugins/access.ts';
import { type ActorContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';

// The case screen's registry card: what the registry says of the debtor company, what differs from
// what the creditor sent, the proceedings and the claim declarations they called for.

type CompanyRow = {
  siren: string;
  name: string;
  legal_form: string | null;
  naf_code: string | null;
  address_line1: string | null;
  postal_code: string | null;
  city: string | null;
  address_since: string | null;
  status: 'active' | 'ceased';
  created_on: string | null;
  provider: string;
  looked_up_at: Date;
};
type ProceedingRow = {
  id: string;
  type: ProceedingType;
  judgment_date: string;
  publication_date: string | null;
  court: string | null;
  mandataire_name: string | null;
  mandataire_address: string | null;
};
type DeclarationRow = ProceedingRow & {
  declaration_id: string;
  due_on: string;
  declared_on: string | null;
  document_id: string | null;
  amount_cents: string;
  created_at: Date;
};

const proceedingDto = (row: ProceedingRow) => ({
  type: row.type,
  judgmentDate: row.judgment_date,
  publicationDate: row.publication_date,
  court: row.court,
  mandataire: row.mandataire_name ? { name: row.mandataire_name, address: row.mandataire_address } : null,
});

const proceedingColumns = `p.id, p.type, p.judgment_date::text as judgment_date, p.publication_date::text as publication_date, p.court, p.mandataire_name, p.mandataire_address`;

export type CaseCompany = { caseId: string; creditorId: string; debtorId: string; siren: string | null; sentName: string; company: CompanyRow | null; proceedings: ProceedingRow[] };

/** The case's debtor and what the registry holds on its SIREN (no access check: the callers made it). */
export async function loadCaseCompany(exec: SqlExec, caseId: string): Promise<CaseCompany> {
  const [row] = await exec<{ creditor_id: string; debtor_id: string; siren: string | null; display_name: string }>(
    'select c.creditor_id, d.id as debtor_id, d.siren, d.display_name from collection_case c join debtor d on d.id = c.debtor_id where c.id = ?',
    [caseId],
  );
  if (!row) throw new AppError('not_found', 404);
  const siren = row.siren?.trim() || null;
  const [company] = siren
    ? await exec<CompanyRow>(
        `select siren, name, legal_form, naf_code, address_line1, postal_code, city, address_since::text as address_since, status,
                created_on::text as created_on, provider, looked_up_at from registry_company where siren = ?`,
        [siren],
      )
    : [];
  const proceedings = company ? await exec<ProceedingRow>(`select ${proceedingColumns} from registry_proceeding p where p.siren = ? order by p.judgment_date`, [siren]) : [];
  return { caseId, creditorId: row.creditor_id, debtorId: row.debtor_id, siren, sentName: row.display_name, company: company ?? null, proceedings };
}

const addressText = (address: { line1: string; postal_code: string; city: string }) => `${address.line1}, ${address.postal_code} ${address.city}`;

/** The registered address when no valid address on file is the same (else null). */
export async function newerRegisteredAddress(exec: SqlExec, found: CaseCompany): Promise<{ registered: string; sent: string | null } | null> {
  const company = found.company;
  if (!company?.address_line1 || !company.postal_code || !company.city) return null;
  const onFile = await exec<{ line1: string; postal_code: string; city: string }>('select line1, postal_code, city from debtor_address where debtor_id = ? and valid order by id', [
    found.debtorId,
  ]);
  const registered = { line1: company.address_line1, postal_code: company.postal_code, city: company.city };
  const same = onFile.some((address) => comparableText(addressText(address)) === comparableText(addressText(registered)));
  if (same) return null;
  return { registered: addressText(registered), sent: onFile[0] ? addressText(onFile[0]) : null };
}

async function declarationsOf(exec: SqlExec, caseId: string): Promise<ClaimDeclarationDto[]> {
  const rows = await exec<DeclarationRow>(
    `select ${proceedingColumns}, x.id as declaration_id, x.due_on::text as due_on, x.declared_on::text as declared_on, x.document_id, x.amount_cents, x.created_at
       from claim_declaration x join registry_proceeding p on p.id = x.proceeding_id where x.case_id = ? order by x.created_at`,
    [caseId],
  );
  return rows.map((row) => ({
    id: row.declaration_id,
    proceeding: proceedingDto(row),
    dueOn: row.due_on,
    status: row.declared_on ? 'declared' : 'to_declare',
    declaredOn: row.declared_on,
    documentId: row.document_id,
    amountCents: Number(row.amount_cents),
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

export async function getCaseRegistry(ctx: ActorContext, caseId: string): Promise<CaseRegistry> {
  await requireAccess(ctx, 'case', caseId);
  const exec = emExec(ctx.em);
  const found = await loadCaseCompany(exec, caseId);
  const { company } = found;
  const today = todayInParis(ctx.clock);
  const proceedings = found.proceedings.map((row) => ({ type: row.type, judgmentDate: row.judgment_date, publicationDate: row.publication_date }));
  const newer = await newerRegisteredAddress(exec, found);
  const differences: CaseRegistry['differences'] = [];
  if (company && comparableText(company.name) !== comparableText(found.sentName)) differences.push({ field: 'name', sent: found.sentName, registered: company.name });
  if (newer) differences.push({ field: 'address', sent: newer.sent, registered: newer.registered });
  return {
    siren: found.siren,
    company: company
      ? {
          siren: company.siren,
          name: company.name,
          legalForm: company.legal_form,
          nafCode: company.naf_code,
          address: company.address_line1 && company.postal_code && company.city ? { line1: company.address_line1, postalCode: company.postal_code, city: company.city } : null,
          addressSince: company.address_since,
          status: company.status,
          createdOn: company.created_on,
          provider: company.provider,
          lookedUpAt: new Date(company.looked_up_at).toISOString(),
          proceedings: found.proceedings.map(proceedingDto),
        }
      : null,
    differences,
    canAdoptAddress: newer !== null,
    flag: company ? registryFlag(company.status, proceedings, today) : null,
    paused: proceedingInForce(proceedings, today) ? { reason: 'insolvency_proceedings' } : null,
    declarations: await declarationsOf(exec, caseId),
  };
}
