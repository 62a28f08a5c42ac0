import { z } from 'zod';
import { businessDate, dateInput, instant, uuid } from './common.ts';

// Issue 23: what the company registry (Pappers, INSEE SIRENE, BODACC, or the local fixtures) says
// of a professional debtor with a SIREN, what differs from what the creditor sent, the collective
// proceedings on record, and the claim declarations they call for (C. com. L622-24, R622-24).

export const registryAddress = z.object({ line1: z.string(), postalCode: z.string(), city: z.string() }).meta({ id: 'RegistryAddress' });

export const proceedingType = z.enum(['sauvegarde', 'redressement', 'liquidation']).describe('Sauvegarde, redressement or liquidation judiciaire');

export const registryProceeding = z
  .object({
    type: proceedingType,
    judgmentDate: businessDate.describe('Day of the opening judgment: individual collection stops from it (C. com. L622-21)'),
    publicationDate: businessDate.nullable().describe('Day of the BODACC publication; the two months to declare the claim run from it (R622-24)'),
    court: z.string().nullable(),
    mandataire: z.object({ name: z.string(), address: z.string().nullable() }).nullable().describe('The mandataire judiciaire (liquidateur), to whom claims are declared'),
  })
  .meta({ id: 'RegistryProceeding' });

export const registryCompany = z
  .object({
    siren: z.string().length(9),
    name: z.string(),
    legalForm: z.string().nullable(),
    nafCode: z.string().nullable(),
    address: registryAddress.nullable(),
    addressSince: businessDate.nullable().describe('When the registered office moved to this address, when the registry says'),
    status: z.enum(['active', 'ceased']).describe('ceased: the company is closed or struck off (radiée)'),
    createdOn: businessDate.nullable(),
    provider: z.string().describe('Which registry answered: local, pappers, sirene+bodacc'),
    lookedUpAt: instant,
    proceedings: z.array(registryProceeding),
  })
  .meta({ id: 'RegistryCompany' });

export const claimDeclaration = z
  .object({
    id: uuid,
    proceeding: registryProceeding,
    dueOn: businessDate.describe('Last day to declare the claim: publication + 2 months (C. com. L622-24, R622-24)'),
    status: z.enum(['to_declare', 'declared']),
    declaredOn: businessDate.nullable(),
    documentId: uuid.nullable().describe('The generated déclaration de créance (GET /cases/{id}/documents/{documentId}/content); null while being prepared'),
    amountCents: z.number().int().describe('The décompte at the judgment date (interest stops at the judgment, L622-28)'),
    createdAt: instant,
  })
  .meta({ id: 'ClaimDeclaration' });
export type ClaimDeclarationDto = z.infer<typeof claimDeclaration>;

export const caseRegistry = z
  .object({
    siren: z.string().nullable().describe('The debtor company SIREN; null: no registry lookup (a person, or no SIREN given)'),
    company: registryCompany.nullable().describe('null while the lookup has not answered yet (it is retried)'),
    differences: z
      .array(z.object({ field: z.enum(['name', 'address']), sent: z.string().nullable(), registered: z.string() }))
      .describe('What the creditor sent that the registry says otherwise'),
    canAdoptAddress: z.boolean().describe('The registered address differs from the valid addresses on file: POST .../registry/adopt-address takes it'),
    flag: z
      .enum(['insolvency_proceedings', 'company_ceased'])
      .nullable()
      .describe('insolvency_proceedings: collection stopped, claim to declare; company_ceased: closed without proceedings, for a manager to decide'),
    paused: z.object({ reason: z.literal('insolvency_proceedings') }).nullable().describe('Every door of the legal gate refuses with this reason'),
    declarations: z.array(claimDeclaration),
  })
  .meta({ id: 'CaseRegistry' });
export type CaseRegistry = z.infer<typeof caseRegistry>;

export const declarationParams = z.object({ id: uuid, declarationId: uuid });

export const markDeclaredBody = z
  .object({ declaredOn: dateInput.describe('The day the claim was sent to the mandataire judiciaire') })
  .meta({ id: 'MarkClaimDeclaredBody', examples: [{ declaredOn: '2026-11-25' }] });
