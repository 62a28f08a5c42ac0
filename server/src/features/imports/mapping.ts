import { type ImportField, type ImportMapping, importFields, requiredImportFields } from '@relance/contracts/imports';

/** Lower case, no accents, punctuation as single spaces: "N° facture" -> "n facture". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/°/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Header names accountants' tools write, in French and English, already normalised.
 * An exact match wins over a partial one; the foundation's fixed columns are exact synonyms.
 */
export const importFieldSynonyms: Record<ImportField, readonly string[]> = {
  invoiceRef: [
    'invoice ref', 'n facture', 'no facture', 'num facture', 'numero facture', 'numero de facture', 'n de facture',
    'ref facture', 'reference facture', 'reference', 'facture', 'invoice', 'invoice number', 'invoice no', 'invoice reference',
    'piece', 'n piece', 'numero de piece', 'ref', 'document number',
  ],
  issueDate: ['issue date', 'date facture', 'date de facture', 'date emission', 'date d emission', 'date piece', 'invoice date', 'date'],
  dueDate: ['due date', 'date d echeance', 'date echeance', 'echeance', 'date limite de paiement', 'date de reglement prevue', 'payment due date'],
  amount: [
    'amount', 'montant', 'montant ttc', 'montant du', 'montant restant du', 'reste a payer', 'solde', 'solde du', 'total ttc', 'ttc',
    'amount due', 'outstanding', 'outstanding amount', 'balance', 'amount incl vat', 'montant facture',
  ],
  debtorName: [
    'debtor name', 'raison sociale nom', 'raison sociale', 'nom', 'nom client', 'client', 'debiteur', 'nom du debiteur',
    'customer', 'customer name', 'name', 'company name', 'societe', 'nom prenom', 'denomination',
  ],
  debtorType: ['debtor type', 'type', 'type client', 'type de client', 'type debiteur', 'customer type', 'categorie'],
  siren: ['siren', 'n siren', 'numero siren', 'siren client'],
  siret: ['siret', 'n siret', 'numero siret', 'siret client'],
  email: ['email', 'e mail', 'mail', 'courriel', 'adresse e mail', 'adresse email', 'email address', 'adresse mail'],
  phone: ['phone', 'telephone', 'tel', 'portable', 'mobile', 'n telephone', 'numero de telephone', 'phone number', 'telephone mobile'],
  address: ['address', 'adresse', 'adresse postale', 'rue', 'adresse 1', 'adresse ligne 1', 'street', 'address line 1'],
  postalCode: ['postal code', 'code postal', 'cp', 'postcode', 'zip', 'zip code'],
  city: ['city', 'ville', 'commune', 'localite', 'town'],
  miseEnDemeureDate: [
    'date de mise en demeure', 'mise en demeure', 'date mise en demeure', 'date med', 'med', 'formal notice date', 'formal notice', 'demand letter date',
  ],
  contractRate: [
    'taux contractuel', 'taux', 'taux d interet', 'taux interet', 'taux de penalite', 'taux penalites', 'contract rate', 'interest rate', 'late payment rate',
  ],
  // "Type" alone stays the debtor type's (customer exports mean particulier/société by it).
  nature: [
    'nature', 'nature de la creance', 'nature creance', 'nature de creance', 'type de creance', 'type creance', 'categorie de creance',
    'regime', 'claim nature', 'claim type', 'nature of claim',
  ],
  prescribedAtIntake: [
    'prescrite', 'prescrit', 'creance prescrite', 'deja prescrite', 'prescription acquise', 'prescrite a la reception', 'prescribed',
    'prescribed at intake', 'time barred',
  ],
};

// The fixed columns of the foundation, read as exact names.
const fixedColumnField: Record<string, ImportField> = {
  invoice_ref: 'invoiceRef',
  issue_date: 'issueDate',
  due_date: 'dueDate',
  amount: 'amount',
  debtor_type: 'debtorType',
  debtor_name: 'debtorName',
  siren: 'siren',
  email: 'email',
  phone: 'phone',
  address: 'address',
  postal_code: 'postalCode',
  city: 'city',
  nature: 'nature',
  claim_nature: 'nature',
  prescribed_at_intake: 'prescribedAtIntake',
};

export type MappingProblem = { missing: ImportField[]; ambiguous: { field: ImportField; headers: string[] }[] };

function scoreOf(field: ImportField, normalised: string): number {
  const synonyms = importFieldSynonyms[field];
  if (synonyms.includes(normalised)) return 3;
  // "Montant TTC (EUR)" or "Date d'échéance facture": every word of a multi-word synonym present.
  const words = new Set(normalised.split(' '));
  let best = 0;
  for (const synonym of synonyms) {
    const parts = synonym.split(' ');
    if (parts.length > 1 && parts.every((part) => words.has(part))) best = Math.max(best, 2);
  }
  return best;
}

/**
 * Suggests a column for each field from the header names. A header is given to the field it
 * matches best; a field matched equally well by two headers is ambiguous and left unmapped.
 */
export function suggestMapping(headers: readonly string[]): { mapping: ImportMapping } & MappingProblem {
  const mapping: ImportMapping = {};
  const ambiguous: MappingProblem['ambiguous'] = [];
  const taken = new Set<string>();
  // Exact fixed column names first: the foundation's files map with no guessing.
  for (const header of headers) {
    const field = fixedColumnField[header.trim().toLowerCase()];
    if (field && !mapping[field]) {
      mapping[field] = header;
      taken.add(header);
    }
  }
  const candidates: { field: ImportField; header: string; score: number }[] = [];
  for (const field of importFields) {
    if (mapping[field]) continue;
    for (const header of headers) {
      if (taken.has(header)) continue;
      const score = scoreOf(field, normaliseHeader(header));
      if (score > 0) candidates.push({ field, header, score });
    }
  }
  // Best scores first; a header goes to one field only.
  candidates.sort((a, b) => b.score - a.score);
  for (const field of importFields) {
    if (mapping[field]) continue;
    const mine = candidates.filter((c) => c.field === field && !taken.has(c.header));
    const top = mine[0];
    if (!top) continue;
    // A header that matches another field better belongs to that field.
    const elsewhere = (header: string, score: number) => candidates.some((c) => c.header === header && c.field !== field && c.score > score);
    const best = mine.filter((c) => c.score === top.score && !elsewhere(c.header, c.score));
    if (best.length === 1) {
      mapping[field] = (best[0] as { header: string }).header;
      taken.add((best[0] as { header: string }).header);
    } else if (best.length > 1) {
      ambiguous.push({ field, headers: best.map((c) => c.header) });
    }
  }
  const missing = requiredImportFields.filter((field) => !mapping[field] && !ambiguous.some((a) => a.field === field));
  return { mapping, missing, ambiguous: ambiguous.filter((a) => (requiredImportFields as readonly string[]).includes(a.field)) };
}

/** What a mapping lacks to be usable: required fields not mapped. */
export function missingRequired(mapping: ImportMapping): ImportField[] {
  return requiredImportFields.filter((field) => !mapping[field]);
}

/** Headers named by the mapping that the file does not have. */
export function unknownHeaders(mapping: ImportMapping, headers: readonly string[]): string[] {
  const present = new Set(headers);
  return Object.values(mapping).filter((header): header is string => typeof header === 'string' && !present.has(header));
}

export function headersSignature(headers: readonly string[]): string {
  return [...new Set(headers.map(normaliseHeader).filter((h) => h !== ''))].sort().join('|');
}
