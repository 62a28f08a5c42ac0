import type { CourtDetailDto, CourtKindDto, CreateCourtBody } from '@relance/contracts/legal-directory';

// The court form's state <-> the API body: typed text stays text until submit.

export const courtKindValues = ['tribunal_judiciaire', 'tribunal_commerce', 'tribunal_activites_economiques'] as const satisfies readonly CourtKindDto[];

export type CourtFormValues = {
  code: string;
  kind: string;
  name: string;
  addressLine1: string;
  postalCode: string;
  city: string;
  courAppel: string;
  email: string;
  phone: string;
  /** One commune a line: INSEE code; postal code; name. */
  communes: string;
};

export type CourtFormProblem = { kind: 'required' } | { kind: 'postal' } | { kind: 'line'; line: number };

export function courtFormValuesOf(court: CourtDetailDto | null): CourtFormValues {
  return {
    code: court?.code ?? '',
    kind: court?.kind ?? 'tribunal_judiciaire',
    name: court?.name ?? '',
    addressLine1: court?.addressLine1 ?? '',
    postalCode: court?.postalCode ?? '',
    city: court?.city ?? '',
    courAppel: court?.courAppel ?? '',
    email: court?.email ?? '',
    phone: court?.phone ?? '',
    communes: (court?.competence ?? []).map((c) => `${c.communeCode};${c.postalCode};${c.communeName}`).join('\n'),
  };
}

/** The communes typed one a line ("44109;44000;Nantes", `,` or tab also separate), or the first bad line. */
export function communesOf(text: string): CreateCourtBody['communes'] | { line: number } {
  const communes: NonNullable<CreateCourtBody['communes']> = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    const [communeCode = '', postalCode = '', ...name] = raw.split(/[;,\t]/).map((part) => part.trim());
    if (!/^(\d{5}|2[AB]\d{3})$/i.test(communeCode) || !/^\d{5}$/.test(postalCode) || !name.join(' ').trim()) return { line: index + 1 };
    communes.push({ communeCode: communeCode.toUpperCase(), postalCode, communeName: name.join(' ').trim() });
  }
  return communes;
}

export function courtBodyOf(values: CourtFormValues): { body: CreateCourtBody } | { errors: Partial<Record<keyof CourtFormValues, CourtFormProblem>> } {
  const errors: Partial<Record<keyof CourtFormValues, CourtFormProblem>> = {};
  for (const field of ['code', 'name', 'addressLine1', 'city'] as const) if (!values[field].trim()) errors[field] = { kind: 'required' };
  if (!/^\d{5}$/.test(values.postalCode.trim())) errors.postalCode = values.postalCode.trim() ? { kind: 'postal' } : { kind: 'required' };
  const communes = communesOf(values.communes);
  if (communes && 'line' in communes) errors.communes = { kind: 'line', line: communes.line };
  if (Object.keys(errors).length > 0 || (communes && 'line' in communes)) return { errors };
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return {
    body: {
      code: values.code.trim(),
      kind: values.kind as CourtKindDto,
      name: values.name.trim(),
      addressLine1: values.addressLine1.trim(),
      postalCode: values.postalCode.trim(),
      city: values.city.trim(),
      courAppel: optional(values.courAppel),
      email: optional(values.email),
      phone: optional(values.phone),
      communes: communes ?? [],
    },
  };
}
