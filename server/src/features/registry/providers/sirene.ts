import type { RegistryRecord } from '@relance/domain/insolvency';
import { bodaccProceedings } from './bodacc.ts';
import { getOrUnavailable, type HttpGet, type RegistryProvider } from './provider.ts';

// INSEE's SIRENE API 3.11 (https://portail-api.insee.fr, the "API Sirene" product), with the
// integration key in the header `X-INSEE-Api-Key-Integration`:
//   GET https://api.insee.fr/api-sirene/3.11/siren/<SIREN>        the legal unit (404: unknown SIREN)
//   GET https://api.insee.fr/api-sirene/3.11/siret/<SIREN><NIC>   its head office (siège)
// Fields read: uniteLegale.{siren, dateCreationUniteLegale, periodesUniteLegale[current].{
// etatAdministratifUniteLegale (A active, C ceased), denominationUniteLegale (else prenomUsuel + nom
// for a sole trader), categorieJuridiqueUniteLegale, activitePrincipaleUniteLegale,
// nicSiegeUniteLegale}}; etablissement.{dateCreationEtablissement (the head office at this address
// since), adresseEtablissement.{numeroVoie, indiceRepetition, typeVoie, libelleVoie, codePostal,
// libelleCommune}Etablissement}. SIRENE has no proceedings: the BODACC open data gives them.

type SirenePeriode = {
  dateFin?: string | null;
  etatAdministratifUniteLegale?: string;
  denominationUniteLegale?: string | null;
  nomUniteLegale?: string | null;
  prenomUsuelUniteLegale?: string | null;
  categorieJuridiqueUniteLegale?: string | null;
  activitePrincipaleUniteLegale?: string | null;
  nicSiegeUniteLegale?: string | null;
};
type SireneUniteLegale = { siren?: string; dateCreationUniteLegale?: string | null; periodesUniteLegale?: SirenePeriode[] };
type SireneEtablissement = {
  dateCreationEtablissement?: string | null;
  adresseEtablissement?: Record<string, string | null | undefined>;
};

/** The most common legal categories (INSEE nomenclature of catégories juridiques, level III), in words. */
const LEGAL_CATEGORIES: Record<string, string> = {
  '1000': 'Entrepreneur individuel',
  '5410': 'SARL nationale',
  '5498': 'EURL (SARL unipersonnelle)',
  '5499': 'Société à responsabilité limitée',
  '5599': 'SA à conseil d’administration',
  '5699': 'SA à directoire',
  '5710': 'Société par actions simplifiée',
  '5720': 'Société par actions simplifiée unipersonnelle',
  '6540': 'Société civile immobilière',
};

const TYPES_VOIE: Record<string, string> = { AV: 'avenue', BD: 'boulevard', CHE: 'chemin', IMP: 'impasse', PL: 'place', QU: 'quai', RTE: 'route', RUE: 'rue', ALL: 'allée', CRS: 'cours' };

function addressLine(address: Record<string, string | null | undefined>): string {
  const type = address.typeVoieEtablissement ? (TYPES_VOIE[address.typeVoieEtablissement] ?? address.typeVoieEtablissement.toLowerCase()) : null;
  return [address.numeroVoieEtablissement, address.indiceRepetitionEtablissement, type, address.libelleVoieEtablissement]
    .filter((part): part is string => Boolean(part))
    .join(' ');
}

/** SIRENE's two answers as the registry record, proceedings left to the BODACC (exported for the recorded-response tests). */
export function fromSirene(unite: SireneUniteLegale, siege: SireneEtablissement | null): RegistryRecord {
  const current = unite.periodesUniteLegale?.find((periode) => !periode.dateFin) ?? unite.periodesUniteLegale?.[0] ?? {};
  const soleTrader = [current.prenomUsuelUniteLegale, current.nomUniteLegale].filter(Boolean).join(' ');
  const address = siege?.adresseEtablissement;
  return {
    siren: unite.siren ?? '',
    name: current.denominationUniteLegale ?? soleTrader,
    legalForm: current.categorieJuridiqueUniteLegale ? (LEGAL_CATEGORIES[current.categorieJuridiqueUniteLegale] ?? `Catégorie juridique ${current.categorieJuridiqueUniteLegale}`) : null,
    nafCode: current.activitePrincipaleUniteLegale?.replace('.', '') ?? null,
    address:
      address?.codePostalEtablissement && address.libelleCommuneEtablissement
        ? { line1: addressLine(address), postalCode: address.codePostalEtablissement, city: address.libelleCommuneEtablissement }
        : null,
    addressSince: siege?.dateCreationEtablissement ?? null,
    status: current.etatAdministratifUniteLegale === 'C' ? 'ceased' : 'active',
    createdOn: unite.dateCreationUniteLegale ?? null,
    proceedings: [],
  };
}

export function sireneBodaccRegistry(options: { apiKey: string; http: HttpGet; sireneUrl?: string; bodaccUrl?: string }): RegistryProvider {
  const base = options.sireneUrl ?? 'https://api.insee.fr/api-sirene/3.11';
  const headers = { 'X-INSEE-Api-Key-Integration': options.apiKey };
  return {
    name: 'sirene+bodacc',
    async lookup(siren) {
      const unit = await getOrUnavailable(options.http, 'sirene', `${base}/siren/${siren}`, headers);
      if (unit.status !== 200) return null;
      const unite = (unit.body as { uniteLegale?: SireneUniteLegale }).uniteLegale ?? {};
      const nic = (unite.periodesUniteLegale?.find((periode) => !periode.dateFin) ?? unite.periodesUniteLegale?.[0])?.nicSiegeUniteLegale;
      let siege: SireneEtablissement | null = null;
      if (nic) {
        const head = await getOrUnavailable(options.http, 'sirene', `${base}/siret/${siren}${nic}`, headers);
        if (head.status === 200) siege = (head.body as { etablissement?: SireneEtablissement }).etablissement ?? null;
      }
      const record = fromSirene(unite, siege);
      return { ...record, proceedings: await bodaccProceedings(options.http, siren, options.bodaccUrl) };
    },
  };
}
