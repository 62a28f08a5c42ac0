import type { AgencyBrand, AgencyProfile, UpdateAgencyBody } from '@relance/contracts/agency';
import { isHexColour } from '@relance/domain/brand-colour';
import type { ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec, type SqlExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { storedLogoOf } from '../creditors/logo.ts';
import type { Agency } from './entities.ts';

// Issue 19, white label: Relance is sold to agencies, so the staff app, the creditors' area (the
// same app) and the e-mails to their users carry the agency's name, colour and logo. The software's
// name is only the fallback before an agency profile exists, and the "propulsé par" line the agency
// may hide. Debtors' pages and letters keep the creditor's brand (creditors feature).

/** The software's name: shown only until the agency fills its profile. */
export const SOFTWARE_NAME = 'Relance';

export const AGENCY_LOGO_PATH = '/api/v1/agency/logo';

function logoUrlOf(sha256: string | null | undefined): string | null {
  return sha256 ? `${AGENCY_LOGO_PATH}?v=${sha256.slice(0, 12)}` : null;
}

/** The brand part of the agency profile (GET /agency). */
export function brandSettingsOf(agency: Agency): AgencyProfile['brand'] {
  return {
    displayName: agency.brandDisplayName ?? null,
    primaryColor: agency.brandPrimaryColor ?? null,
    logoUrl: logoUrlOf(agency.brandLogoSha256),
    poweredByVisible: agency.poweredByVisible,
  };
}

type BrandRow = { name: string; brand_display_name: string | null; brand_primary_color: string | null; brand_logo_sha256: string | null; powered_by_visible: boolean };

/** What anyone may know of the agency's brand, before signing in too: no other field of the profile. */
export async function agencyBrandOf(exec: SqlExec): Promise<AgencyBrand> {
  const [row] = await exec<BrandRow>(
    'select name, brand_display_name, brand_primary_color, brand_logo_sha256, powered_by_visible from agency where singleton order by created_at limit 1',
  );
  if (!row) return { name: SOFTWARE_NAME, primaryColor: null, logoUrl: null, poweredByVisible: true };
  return {
    name: row.brand_display_name ?? row.name,
    primaryColor: row.brand_primary_color,
    logoUrl: logoUrlOf(row.brand_logo_sha256),
    poweredByVisible: row.powered_by_visible,
  };
}

export async function getAgencyBrand(ctx: ServiceContext): Promise<AgencyBrand> {
  return await agencyBrandOf(emExec(ctx.em));
}

/** The From display name of the e-mails to staff and creditor users (invitations, notices). */
export async function agencyMailFromName(exec: SqlExec): Promise<string> {
  return (await agencyBrandOf(exec)).name;
}

/** The brand fields of PUT /agency as entity values; absent fields stay as they are. */
export function brandValuesOf(brand: UpdateAgencyBody['brand']): Partial<Pick<Agency, 'brandDisplayName' | 'brandPrimaryColor' | 'poweredByVisible'>> {
  if (!brand) return {};
  const values: Partial<Pick<Agency, 'brandDisplayName' | 'brandPrimaryColor' | 'poweredByVisible'>> = {};
  if (brand.displayName !== undefined) values.brandDisplayName = brand.displayName?.trim() || null;
  if (brand.primaryColor !== undefined) {
    const colour = brand.primaryColor?.trim() || null;
    if (colour && !isHexColour(colour)) throw new AppError('invalid_brand_color', 400, { field: 'brand.primaryColor', value: colour });
    values.brandPrimaryColor = colour?.toLowerCase() ?? null;
  }
  if (brand.poweredByVisible !== undefined) values.poweredByVisible = brand.poweredByVisible;
  return values;
}

/** The agency's logo, through the creditors' image pipeline (decoded, re-encoded as PNG). Audited. */
export async function setAgencyLogo(ctx: ServiceContext & { actor: { userId: string | null } }, bytes: Buffer): Promise<void> {
  const [agency] = await ctx.em.execute<{ id: string }[]>('select id from agency where singleton order by created_at limit 1');
  if (!agency) throw new AppError('agency_profile_missing', 409);
  const { png, sha256 } = await storedLogoOf(bytes, ctx.locale);
  await ctx.em.transactional(async (em) => {
    await em.execute('update agency set brand_logo = ?, brand_logo_sha256 = ?, updated_at = ? where id = ?', [png, sha256, ctx.clock.now(), agency.id]);
    await recordAudit(emExec(em), { actorId: ctx.actor.userId, at: ctx.clock.now(), action: 'agency_logo_changed', entity: 'agency', entityId: agency.id, details: { sha256 } });
  });
}

export async function removeAgencyLogo(ctx: ServiceContext): Promise<void> {
  await ctx.em.execute('update agency set brand_logo = null, brand_logo_sha256 = null, updated_at = ? where singleton', [ctx.clock.now()]);
}

export async function getAgencyLogo(ctx: ServiceContext): Promise<Buffer | null> {
  const [row] = await ctx.em.execute<{ brand_logo: Buffer | null }[]>('select brand_logo from agency where singleton order by created_at limit 1');
  return row?.brand_logo ?? null;
}
