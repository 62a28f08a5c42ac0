import { z } from 'zod';
import { businessDate, dateInput, hexColor, instant, uuid } from './common.ts';
import { postalAddress } from './creditors.ts';

// The agency's own profile and its R124-2 records (CPCE R124-2: professional liability
// insurance, an account used only for funds collected for creditors, and the written
// declaration of both to the procureur de la République, all before any activity).

export const agencyProblemCode = z.enum([
  'insurance_missing',
  'insurance_expired',
  'client_funds_account_missing',
  'procureur_declaration_missing',
]);
export type AgencyProblemCode = z.infer<typeof agencyProblemCode>;

export const agencyProblem = z.object({
  code: agencyProblemCode,
  field: z.string().describe('The profile field to fill or renew'),
  date: businessDate.nullable().describe('For insurance_expired: the day the cover ended'),
});
export type AgencyProblem = z.infer<typeof agencyProblem>;

export const agencyWarning = z.object({
  code: z.enum(['insurance_expiring_soon']),
  field: z.string(),
  date: businessDate.describe('Expiry date'),
  daysLeft: z.number().int(),
});
export type AgencyWarning = z.infer<typeof agencyWarning>;

export const agencyStatus = z
  .object({
    asOf: businessDate.describe('The day (Europe/Paris) the status was computed for'),
    compliant: z.boolean().describe('false = intake (imports, new cases) is refused'),
    problems: z.array(agencyProblem),
    expiringSoon: z.boolean().describe('A record expires within 30 days'),
    warnings: z.array(agencyWarning),
  })
  .meta({ id: 'AgencyStatus' });
export type AgencyStatus = z.infer<typeof agencyStatus>;

// Issue 19, white label: the staff app, the creditors' area and the e-mails to their users carry the
// agency's brand; the software's name appears at most in a "propulsé par" line the agency can hide.
export const agencyBrand = z
  .object({
    name: z.string().describe("The name shown in the screens' header, the page title and as the From name of e-mails to staff and creditor users"),
    primaryColor: hexColor.nullable().describe('The colour as chosen (#rrggbb); null: the default theme. Screens darken it until white text reaches WCAG 4.5:1'),
    logoUrl: z.string().nullable().describe('The logo (PNG re-encoded at upload), public; null without one'),
    poweredByVisible: z.boolean().describe('Whether the discreet "propulsé par Relance" line is shown'),
  })
  .meta({ id: 'AgencyBrand' });
export type AgencyBrand = z.infer<typeof agencyBrand>;

export const agencyProfile = z.object({
  id: uuid,
  name: z.string(),
  legalForm: z.string().nullable(),
  siren: z.string(),
  address: postalAddress,
  insurance: z.object({
    insurer: z.string().nullable(),
    policyNumber: z.string().nullable(),
    expiresOn: businessDate.nullable().describe('Last day covered'),
  }),
  clientFundsAccount: z.object({
    iban: z.string().nullable().describe('Electronic form, account used only for collected funds'),
    bic: z.string().nullable(),
  }),
  procureurDeclaredOn: businessDate.nullable().describe('Date of the written declaration to the procureur de la République'),
  contact: z
    .object({ phone: z.string().nullable(), email: z.string().nullable() })
    .describe("Printed on every letter, e-mail and SMS for the debtor's questions, payment plans and disputes; a letter is refused without them"),
  brand: z.object({
    displayName: z.string().nullable().describe('The name the screens and e-mails show; null: the legal name'),
    primaryColor: hexColor.nullable(),
    logoUrl: z.string().nullable(),
    poweredByVisible: z.boolean(),
  }),
  updatedAt: instant,
});
export type AgencyProfile = z.infer<typeof agencyProfile>;

export const agencyResponse = z
  .object({
    profile: agencyProfile.nullable().describe('null until an administrator fills the profile'),
    status: agencyStatus,
  })
  .meta({ id: 'Agency' });
export type AgencyResponse = z.infer<typeof agencyResponse>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const updateAgencyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    legalForm: optionalText(60),
    siren: z.string().trim().min(9).max(11).describe('9 digits, Luhn; spaces allowed'),
    address: postalAddress,
    insurance: z.object({
      insurer: optionalText(200),
      policyNumber: optionalText(100),
      expiresOn: dateInput.nullable().optional(),
    }),
    clientFundsAccount: z.object({
      iban: z.string().trim().max(42).nullable().optional(),
      bic: z.string().trim().max(11).nullable().optional(),
    }),
    procureurDeclaredOn: dateInput.nullable().optional(),
    contact: z
      .object({
        phone: z.string().trim().max(40).nullable().optional().describe('A number the debtor can call, 8 digits at least'),
        email: z.string().trim().max(320).nullable().optional(),
      })
      .optional()
      .describe('Left as it is when absent'),
    brand: z
      .object({
        displayName: optionalText(120).describe('Blank or null: the legal name'),
        primaryColor: z.string().trim().max(7).nullable().optional().describe('#rrggbb; blank or null: the default theme'),
        poweredByVisible: z.boolean().optional(),
      })
      .optional()
      .describe('Left as it is when absent (the logo has its own route, PUT /agency/logo)'),
  })
  .meta({ id: 'UpdateAgencyBody' });
export type UpdateAgencyBody = z.infer<typeof updateAgencyBody>;
