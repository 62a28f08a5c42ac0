import type { RegistryRecord } from '@relance/domain/insolvency';
import { demoCases } from './demo.ts';

// The companies of the LOCAL registry for the demo (server/src/features/registry/providers/local.ts):
// every professional debtor of the demo as the registry would describe it, and four stories the
// demo shows (issue 23), on debtors of Matériaux Durand et Fils (creditor2):
// - one in redressement judiciaire (judgment 2026-11-24, BODACC 2026-11-30: declare by 2027-01-30);
// - one ceased (radiée) without proceedings: flagged for a manager;
// - one whose registered office moved (a newer address to adopt in one click);
// - one in liquidation judiciaire.
// Plain data (seeds never import the server); the same JSON shape as the REGISTRY_FIXTURES file.

/** The local registry's shape (packages/domain), as the REGISTRY_FIXTURES file. */
export type DemoRegistryCompany = RegistryRecord;

const LEGAL_FORMS: Record<string, string> = { SAS: 'Société par actions simplifiée', SARL: 'Société à responsabilité limitée', SA: 'Société anonyme', EURL: 'Entreprise unipersonnelle à responsabilité limitée', SASU: 'Société par actions simplifiée unipersonnelle' };

function legalFormOf(name: string): string | null {
  const suffix = name.split(' ').at(-1) ?? '';
  return LEGAL_FORMS[suffix] ?? null;
}

/** The demo's companies as the local registry answers them (the debtors do not depend on the day given). */
export function demoRegistryCompanies(today: string): DemoRegistryCompany[] {
  const seen = new Set<string>();
  const companies: (DemoRegistryCompany & { creditorKey: string; caseStatus: string })[] = [];
  demoCases(today).forEach((demoCase, index) => {
    const { debtor } = demoCase;
    if (debtor.kind !== 'company' || !debtor.siren || seen.has(debtor.siren)) return;
    seen.add(debtor.siren);
    companies.push({
      siren: debtor.siren,
      name: (debtor.companyName ?? debtor.displayName).toUpperCase(),
      legalForm: legalFormOf(debtor.displayName),
      nafCode: demoCase.creditorKey === 'creditor2' ? '4120A' : '6201Z',
      address: debtor.address,
      addressSince: null,
      status: 'active',
      createdOn: `${2000 + (index % 24)}-0${1 + (index % 9)}-15`,
      proceedings: [],
      creditorKey: demoCase.creditorKey,
      caseStatus: demoCase.status,
    });
  });
  const durand = companies.filter((company) => company.creditorKey === 'creditor2' && company.caseStatus === 'amicable');
  const [redressement, ceased, moved, liquidation] = durand;
  if (redressement) {
    redressement.proceedings.push({
      type: 'redressement',
      judgmentDate: '2026-11-24',
      publicationDate: '2026-11-30',
      court: 'Tribunal de commerce de Nantes',
      mandataire: { name: 'SELARL Mandataires Atlantique, Me Claire Moreau', address: '8 quai de la Fosse, 44000 Nantes' },
    });
  }
  if (ceased) ceased.status = 'ceased';
  if (moved) {
    moved.address = { line1: '27 boulevard des Entrepreneurs', postalCode: moved.address?.postalCode ?? '44000', city: moved.address?.city ?? 'Nantes' };
    moved.addressSince = '2026-10-01';
  }
  if (liquidation) {
    liquidation.status = 'ceased';
    liquidation.proceedings.push({
      type: 'liquidation',
      judgmentDate: '2026-10-06',
      publicationDate: '2026-10-14',
      court: 'Tribunal de commerce de Bordeaux',
      mandataire: { name: 'SCP Liquidateurs Associés, Me Paul Girard', address: '3 cours de l’Intendance, 33000 Bordeaux' },
    });
  }
  return companies.map(({ creditorKey: _creditor, caseStatus: _status, ...company }) => company);
}
