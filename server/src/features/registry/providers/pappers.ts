import type { RegistryProceedingRecord, RegistryRecord } from '@relance/domain/insolvency';
import { mandataireOf } from './bodacc.ts';
import { getOrUnavailable, type HttpGet, proceedingTypeOf, type RegistryProvider } from './provider.ts';

// Pappers (https://www.pappers.fr/api/documentation), API v2, one call per SIREN:
//   GET https://api.pappers.fr/v2/entreprise?siren=<SIREN>   header `api-key: <PAPPERS_API_KEY>`
// Fields read: siren, nom_entreprise (else denomination), forme_juridique, code_naf, date_creation,
// entreprise_cessee, statut_rcs ("Radié"), siege.{adresse_ligne_1, code_postal, ville},
// procedures_collectives[].{type, date_debut}, and the BODACC publications Pappers attaches
// (publications_bodacc[].{type, date, tribunal, jugement.{date, nature, complement}}) for the
// publication day, the court and the mandataire. 404: the SIREN is unknown.

type PappersBodacc = { type?: string; date?: string; tribunal?: string; jugement?: { date?: string; nature?: string; complement?: string; complement_jugement?: string } };

type PappersEntreprise = {
  siren?: string;
  nom_entreprise?: string | null;
  denomination?: string | null;
  forme_juridique?: string | null;
  code_naf?: string | null;
  date_creation?: string | null;
  entreprise_cessee?: boolean | null;
  statut_rcs?: string | null;
  siege?: { adresse_ligne_1?: string | null; code_postal?: string | null; ville?: string | null } | null;
  procedures_collectives?: { type?: string; date_debut?: string | null }[] | null;
  publications_bodacc?: PappersBodacc[] | null;
};

const nafOf = (code: string | null | undefined): string | null => (code ? code.replace('.', '') : null);

/** One of Pappers' collective proceedings, with what its BODACC publication adds. */
function proceedingOf(procedure: { type?: string; date_debut?: string | null }, publications: readonly PappersBodacc[]): RegistryProceedingRecord | null {
  const type = proceedingTypeOf(procedure.type ?? '');
  if (!type || !procedure.date_debut) return null;
  const published = publications.find((publication) => publication.jugement?.date === procedure.date_debut && proceedingTypeOf(publication.jugement?.nature ?? '') === type);
  const complement = published?.jugement?.complement ?? published?.jugement?.complement_jugement ?? '';
  return {
    type,
    judgmentDate: procedure.date_debut,
    publicationDate: published?.date ?? null,
    court: published?.tribunal ?? null,
    mandataire: mandataireOf(complement),
  };
}

/** Pappers' answer as the registry record (exported for the recorded-response tests). */
export function fromPappers(body: PappersEntreprise): RegistryRecord {
  const siege = body.siege ?? {};
  const publications = body.publications_bodacc ?? [];
  const ceased = body.entreprise_cessee === true || (body.statut_rcs ?? '').toLowerCase().startsWith('radi');
  return {
    siren: body.siren ?? '',
    name: body.nom_entreprise ?? body.denomination ?? '',
    legalForm: body.forme_juridique ?? null,
    nafCode: nafOf(body.code_naf),
    address: siege.adresse_ligne_1 && siege.code_postal && siege.ville ? { line1: siege.adresse_ligne_1, postalCode: siege.code_postal, city: siege.ville } : null,
    addressSince: null,
    status: ceased ? 'ceased' : 'active',
    createdOn: body.date_creation ?? null,
    proceedings: (body.procedures_collectives ?? []).flatMap((procedure) => proceedingOf(procedure, publications) ?? []),
  };
}

export function pappersRegistry(options: { apiKey: string; http: HttpGet; baseUrl?: string }): RegistryProvider {
  const base = options.baseUrl ?? 'https://api.pappers.fr/v2';
  return {
    name: 'pappers',
    async lookup(siren) {
      const answer = await getOrUnavailable(options.http, 'pappers', `${base}/entreprise?siren=${siren}`, { 'api-key': options.apiKey });
      if (answer.status === 404) return null;
      if (answer.status !== 200 || typeof answer.body !== 'object' || answer.body === null) return null;
      return fromPappers(answer.body as PappersEntreprise);
    },
  };
}
