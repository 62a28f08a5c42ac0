import type { AgencyProfile, UpdateAgencyBody } from '@relance/contracts/agency';

// The agency profile as form state: every value kept as typed text, turned into the API's body on
// submit (empty optional fields are sent as null).

export type AgencyForm = Record<
  | 'name'
  | 'legalForm'
  | 'siren'
  | 'line1'
  | 'line2'
  | 'postalCode'
  | 'city'
  | 'insurer'
  | 'policyNumber'
  | 'expiresOn'
  | 'iban'
  | 'bic'
  | 'procureurDeclaredOn'
  | 'phone'
  | 'email',
  string
>;

export function agencyFormFrom(profile: AgencyProfile | null): AgencyForm {
  return {
    name: profile?.name ?? '',
    legalForm: profile?.legalForm ?? '',
    siren: profile?.siren ?? '',
    line1: profile?.address.line1 ?? '',
    line2: profile?.address.line2 ?? '',
    postalCode: profile?.address.postalCode ?? '',
    city: profile?.address.city ?? '',
    insurer: profile?.insurance.insurer ?? '',
    policyNumber: profile?.insurance.policyNumber ?? '',
    expiresOn: profile?.insurance.expiresOn ?? '',
    iban: profile?.clientFundsAccount.iban ?? '',
    bic: profile?.clientFundsAccount.bic ?? '',
    procureurDeclaredOn: profile?.procureurDeclaredOn ?? '',
    phone: profile?.contact.phone ?? '',
    email: profile?.contact.email ?? '',
  };
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

export const agencySirenOk = (form: AgencyForm) => /^\d{9}$/.test(form.siren.replace(/\s/g, ''));

/** Whether the required parts can be sent: name, address and a nine-digit SIREN. */
export function isAgencyFormValid(form: AgencyForm): boolean {
  return [form.name, form.line1, form.postalCode, form.city].every((value) => value.trim()) && agencySirenOk(form);
}

export function agencyFormToBody(form: AgencyForm): UpdateAgencyBody {
  return {
    name: form.name.trim(),
    legalForm: orNull(form.legalForm),
    siren: form.siren.replace(/\s/g, ''),
    address: {
      line1: form.line1.trim(),
      line2: orNull(form.line2),
      postalCode: form.postalCode.trim(),
      city: form.city.trim(),
      country: 'FR',
    },
    insurance: { insurer: orNull(form.insurer), policyNumber: orNull(form.policyNumber), expiresOn: form.expiresOn || null },
    clientFundsAccount: { iban: orNull(form.iban.replace(/\s/g, '')), bic: orNull(form.bic.toUpperCase()) },
    procureurDeclaredOn: form.procureurDeclaredOn || null,
    contact: { phone: orNull(form.phone), email: orNull(form.email) },
  };
}
