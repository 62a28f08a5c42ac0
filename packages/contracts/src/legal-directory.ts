import { z } from 'zod';
import { instant, pageOf, uuid } from './common.ts';
import { courtKind } from './legal-actions.ts';

// Issue 16: the court directory (courts and their territorial competence by commune, CPC 1406)
// and the commissaires de justice (by cour d'appel district, CPCE R125-1). Agency data, not a
// creditor's: administrators and managers read it, administrators write it.

export const courtKinds = courtKind.options;
export type CourtKindDto = z.infer<typeof courtKind>;

/** Size bound of an uploaded directory file (the Ministry's national file is a few MB). */
export const MAX_COURT_IMPORT_BYTES = 32 * 1024 * 1024;

/**
 * The columns the importer reads in the Ministry of Justice's open dataset (data.gouv.fr,
 * "Annuaire des juridictions" / compétence territoriale par commune), one line per commune and
 * court; `;` or `,` separator, UTF-8 with or without BOM; header names compared without case,
 * accents or spaces. Required, then optional.
 */
export const courtImportColumns = {
  required: ['code_commune_insee', 'nom_commune', 'code_postal', 'type_juridiction', 'code_juridiction', 'nom_juridiction'],
  optional: ['adresse', 'code_postal_juridiction', 'ville_juridiction', 'cour_appel', 'email', 'telephone'],
} as const;

export const courtSource = z.enum(['import', 'seed', 'manual']);

export const court = z
  .object({
    id: uuid,
    code: z.string(),
    kind: courtKind,
    name: z.string(),
    addressLine1: z.string(),
    postalCode: z.string(),
    city: z.string(),
    courAppel: z.string().nullable().describe('The cour d’appel district the court belongs to'),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    source: courtSource,
    communes: z.number().int().describe('Commune rows of its territorial competence'),
    updatedAt: instant,
  })
  .meta({ id: 'Court' });
export type CourtDto = z.infer<typeof court>;

export const courtCommune = z.object({ communeCode: z.string(), postalCode: z.string(), communeName: z.string() }).meta({ id: 'CourtCommune' });

export const courtDetail = court.extend({ competence: z.array(courtCommune).describe('Up to 2,000 communes, by postal code') }).meta({ id: 'CourtDetail' });
export type CourtDetailDto = z.infer<typeof courtDetail>;

export const courtList = pageOf(court).meta({ id: 'CourtList' });
export type CourtListDto = z.infer<typeof courtList>;

export const courtListQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Name, code, city, or a commune it serves'),
  kind: courtKind.optional(),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/)
    .optional()
    .describe('Courts competent for a postal code (or its first digits)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});

const text = (max: number) => z.string().trim().min(1).max(max);
const postalCode = z.string().trim().regex(/^\d{5}$/, 'five digits');
/** INSEE commune code: five digits, or 2A/2B and three digits in Corsica. */
const communeCode = z.string().trim().toUpperCase().regex(/^(\d{5}|2[AB]\d{3})$/, 'INSEE commune code');

export const createCourtBody = z
  .object({
    code: text(40).describe('The Ministry’s code, or any unique code for a court added by hand'),
    kind: courtKind,
    name: text(200),
    addressLine1: text(200),
    postalCode,
    city: text(100),
    courAppel: text(100).nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    phone: text(40).nullable().optional(),
    communes: z
      .array(
        z.object({
          communeCode,
          postalCode,
          communeName: text(100),
        }),
      )
      .max(2000)
      .optional()
      .describe('Communes it is competent for (replaces the list on PATCH)'),
  })
  .meta({
    id: 'CreateCourtBody',
    example: {
      code: 'TJ-EXEMPLE',
      kind: 'tribunal_judiciaire',
      name: 'Tribunal judiciaire d’Exemple',
      addressLine1: '1 place du Palais',
      postalCode: '44000',
      city: 'Nantes',
      courAppel: 'Rennes',
      communes: [{ communeCode: '44109', postalCode: '44000', communeName: 'Nantes' }],
    },
  });
export type CreateCourtBody = z.infer<typeof createCourtBody>;

export const updateCourtBody = createCourtBody
  .omit({ code: true })
  .partial()
  .meta({ id: 'UpdateCourtBody', example: { addressLine1: '2 place du Palais', phone: '02 40 00 00 00' } });
export type UpdateCourtBody = z.infer<typeof updateCourtBody>;

export const courtLookupQuery = z.object({
  postalCode,
  city: text(100),
  kind: courtKind.default('tribunal_judiciaire'),
});

export const courtLookup = z
  .object({
    court: court.nullable().describe('null: no row matches, choose by hand'),
    normalisedCity: z.string().describe('The commune name as the directory compares it'),
  })
  .meta({ id: 'CourtLookup' });
export type CourtLookupDto = z.infer<typeof courtLookup>;

export const courtImportProblem = z.object({
  line: z.number().int().describe('Line number in the file (the header is line 1)'),
  reason: z.enum(['missing_value', 'invalid_postal_code', 'invalid_commune_code', 'unknown_court_type', 'conflicting_court']),
  column: z.string().nullable(),
  value: z.string().nullable(),
});

export const courtImportReport = z
  .object({
    lines: z.number().int().describe('Data lines read'),
    accepted: z.number().int().describe('Lines of a tribunal judiciaire, de commerce or des activités économiques taken in'),
    skipped: z.number().int().describe('Lines of other jurisdictions (prud’hommes, proximité, cour d’appel...), not kept'),
    rejected: z.number().int(),
    courtsCreated: z.number().int(),
    courtsUpdated: z.number().int().describe('Courts whose details changed'),
    competenceAdded: z.number().int(),
    competenceMoved: z.number().int().describe('Commune rows removed from another court of the same kind (a commune has one court of each kind)'),
    problems: z.array(courtImportProblem).describe('The first 500 bad lines, by line number'),
  })
  .meta({ id: 'CourtImportReport' });
export type CourtImportReportDto = z.infer<typeof courtImportReport>;

// Commissaires de justice.

export const commissaire = z
  .object({
    id: uuid,
    etude: z.string().describe('The étude (office)'),
    name: z.string(),
    addressLine1: z.string(),
    postalCode: z.string(),
    city: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    acceptsEmail: z.boolean().describe('Takes hand-overs by e-mail'),
    courAppelDistricts: z.array(z.string()).describe('Cour d’appel districts it serves'),
    active: z.boolean(),
    updatedAt: instant,
  })
  .meta({ id: 'Commissaire' });
export type CommissaireDto = z.infer<typeof commissaire>;

export const commissaireList = z.object({ items: z.array(commissaire) }).meta({ id: 'CommissaireList' });

export const commissaireListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  district: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false', 'all']).default('all'),
});

const commissaireFields = {
    etude: text(200),
    name: text(200),
    addressLine1: text(200),
    postalCode,
    city: text(100),
    email: z.email().max(200).nullable().optional(),
    phone: text(40).nullable().optional(),
    acceptsEmail: z.boolean(),
    courAppelDistricts: z.array(text(100)).min(1).max(40),
};

export const createCommissaireBody = z
  .object({ ...commissaireFields, acceptsEmail: z.boolean().default(false) })
  .meta({
    id: 'CreateCommissaireBody',
    example: {
      etude: 'SELARL Exemple Commissaires',
      name: 'Me Claire Exemple',
      addressLine1: '5 rue de la Loire',
      postalCode: '44000',
      city: 'Nantes',
      email: 'etude@exemple.fr',
      acceptsEmail: true,
      courAppelDistricts: ['Rennes'],
    },
  });
export type CreateCommissaireBody = z.infer<typeof createCommissaireBody>;

export const updateCommissaireBody = z
  .object(commissaireFields)
  .partial()
  .extend({ active: z.boolean().optional().describe('false deactivates (kept for the actions that name it)') })
  .meta({ id: 'UpdateCommissaireBody', example: { active: false } });
export type UpdateCommissaireBody = z.infer<typeof updateCommissaireBody>;
