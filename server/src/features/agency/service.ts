import type { AgencyProblem, AgencyResponse, AgencyStatus, AgencyWarning, UpdateAgencyBody } from '@relance/contracts/agency';
import { isValidSiren, normalizeBic, normalizeIban } from '@relance/domain/identifiers';
import { type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { brandSettingsOf, brandValuesOf } from './brand.ts';
import { Agency } from './entities.ts';

/** A record expiring within this many days is flagged ahead of time. */
export const EXPIRY_WARNING_DAYS = 30;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * CPCE R124-2: before any activity the agency holds liability insurance, an account used only
 * for collected funds, and has declared both to the procureur. Insurance is valid through its
 * expiry date (the last day covered); a declaration dated after today is not made yet.
 */
export function agencyStatusOn(agency: Agency | null, today: string): AgencyStatus {
  const problems: AgencyProblem[] = [];
  const warnings: AgencyWarning[] = [];
  if (!agency?.insurer || !agency.insurancePolicy || !agency.insuranceExpiresOn) {
    problems.push({ code: 'insurance_missing', field: 'insurance', date: null });
  } else if (agency.insuranceExpiresOn < today) {
    problems.push({ code: 'insurance_expired', field: 'insurance.expiresOn', date: agency.insuranceExpiresOn });
  } else {
    const daysLeft = daysBetween(today, agency.insuranceExpiresOn);
    if (daysLeft <= EXPIRY_WARNING_DAYS) {
      warnings.push({ code: 'insurance_expiring_soon', field: 'insurance.expiresOn', date: agency.insuranceExpiresOn, daysLeft });
    }
  }
  if (!agency?.clientFundsIban) problems.push({ code: 'client_funds_account_missing', field: 'clientFundsAccount.iban', date: null });
  if (!agency?.procureurDeclaredOn || agency.procureurDeclaredOn > today) {
    problems.push({ code: 'procureur_declaration_missing', field: 'procureurDeclaredOn', date: null });
  }
  return { asOf: today, compliant: problems.length === 0, problems, expiringSoon: warnings.length > 0, warnings };
}

export async function findAgency(ctx: ServiceContext): Promise<Agency | null> {
  return await ctx.em.findOne(Agency, { singleton: true });
}

export function toAgencyResponse(agency: Agency | null, today: string): AgencyResponse {
  return {
    profile: agency
      ? {
          id: agency.id,
          name: agency.name,
          legalForm: agency.legalForm ?? null,
          siren: agency.siren,
          address: {
            line1: agency.addressLine1,
            line2: agency.addressLine2 ?? null,
            postalCode: agency.postalCode,
            city: agency.city,
            country: agency.country,
          },
          insurance: {
            insurer: agency.insurer ?? null,
            policyNumber: agency.insurancePolicy ?? null,
            expiresOn: agency.insuranceExpiresOn ?? null,
          },
          clientFundsAccount: { iban: agency.clientFundsIban ?? null, bic: agency.clientFundsBic ?? null },
          procureurDeclaredOn: agency.procureurDeclaredOn ?? null,
          contact: { phone: agency.phone ?? null, email: agency.email ?? null },
          brand: brandSettingsOf(agency),
          updatedAt: agency.updatedAt.toISOString(),
        }
      : null,
    status: agencyStatusOn(agency, today),
  };
}

export async function getAgency(ctx: ServiceContext): Promise<AgencyResponse> {
  return toAgencyResponse(await findAgency(ctx), todayInParis(ctx.clock));
}

/** The problems that stop intake today (empty = intake open). */
export async function agencyIntakeBlockers(ctx: ServiceContext): Promise<AgencyProblem[]> {
  return agencyStatusOn(await findAgency(ctx), todayInParis(ctx.clock)).problems;
}

/** Intake (imports, new cases) refuses new files while an R124-2 record is missing or expired. */
export async function requireAgencyIntakeOpen(ctx: ServiceContext): Promise<void> {
  const problems = await agencyIntakeBlockers(ctx);
  if (problems.length > 0) throw new AppError('agency_records_invalid', 409, { problems });
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Creates or replaces the agency profile (one row). Identifiers are checked, stored in electronic form. */
export async function updateAgency(ctx: ServiceContext, body: UpdateAgencyBody): Promise<AgencyResponse> {
  const today = todayInParis(ctx.clock);
  const siren = body.siren.replace(/\s/g, '');
  if (!isValidSiren(siren)) throw new AppError('invalid_siren', 400, { siren: body.siren });
  const ibanText = blankToNull(body.clientFundsAccount.iban);
  const iban = ibanText ? normalizeIban(ibanText) : null;
  if (ibanText && !iban) throw new AppError('invalid_iban', 400, { field: 'clientFundsAccount.iban' });
  const bicText = blankToNull(body.clientFundsAccount.bic);
  const bic = bicText ? normalizeBic(bicText) : null;
  if (bicText && !bic) throw new AppError('invalid_bic', 400, { field: 'clientFundsAccount.bic' });
  const declaredOn = body.procureurDeclaredOn ?? null;
  if (declaredOn && declaredOn > today) throw new AppError('date_in_future', 400, { field: 'procureurDeclaredOn' });
  const contact = contactOf(body.contact);
  const brand = brandValuesOf(body.brand);

  const values = {
    name: body.name,
    legalForm: blankToNull(body.legalForm),
    siren,
    addressLine1: body.address.line1,
    addressLine2: body.address.line2,
    postalCode: body.address.postalCode,
    city: body.address.city,
    country: body.address.country,
    insurer: blankToNull(body.insurance.insurer),
    insurancePolicy: blankToNull(body.insurance.policyNumber),
    insuranceExpiresOn: body.insurance.expiresOn ?? null,
    clientFundsIban: iban,
    clientFundsBic: bic,
    procureurDeclaredOn: declaredOn,
    ...contact,
    ...brand,
    updatedAt: ctx.clock.now(),
  };
  let agency = await findAgency(ctx);
  if (agency) ctx.em.assign(agency, values);
  else agency = ctx.em.create(Agency, { singleton: true, ...values });
  await ctx.em.flush();
  return toAgencyResponse(agency, today);
}

/**
 * The agency's phone and e-mail (letters give them for questions and disputes): a phone of 8 digits
 * at least in digits, spaces, dots, dashes, parentheses and a leading +; an e-mail address. Absent:
 * unchanged.
 */
function contactOf(contact: UpdateAgencyBody['contact']): { phone?: string | null; email?: string | null } {
  if (!contact) return {};
  const values: { phone?: string | null; email?: string | null } = {};
  if (contact.phone !== undefined) {
    const phone = blankToNull(contact.phone);
    if (phone && (!/^\+?[\d\s.()-]+$/.test(phone) || (phone.match(/\d/g)?.length ?? 0) < 8)) throw new AppError('invalid_phone', 400, { field: 'contact.phone' });
    values.phone = phone;
  }
  if (contact.email !== undefined) {
    const email = blankToNull(contact.email);
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('invalid_email', 400, { field: 'contact.email' });
    values.email = email;
  }
  return values;
}
