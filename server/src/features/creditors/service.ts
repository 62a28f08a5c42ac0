import { createHash } from 'node:crypto';
import type { CreateCreditorBody, Creditor as CreditorDto } from '@relance/contracts/creditors';
import { isValidSiren } from '@relance/domain/identifiers';
import { creditorScope, todayInParis, type ActorContext, type ServiceContext } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { Creditor } from './entities.ts';

export const MAX_LOGO_BYTES = 512 * 1024;

/** R124-3: no file is worked without a mandate valid today. */
export function isMandateValid(creditor: Creditor, today: string): boolean {
  return creditor.mandateSignedOn <= today && (!creditor.mandateValidUntil || creditor.mandateValidUntil >= today);
}

export function logoUrlOf(creditor: Creditor): string | null {
  return creditor.brandLogoSha256 ? `/api/v1/brand-assets/${creditor.id}/logo?v=${creditor.brandLogoSha256.slice(0, 12)}` : null;
}

export function toCreditorDto(creditor: Creditor, today: string): CreditorDto {
  return {
    id: creditor.id,
    legalName: creditor.legalName,
    kind: creditor.kind,
    siren: creditor.siren ?? null,
    address: {
      line1: creditor.addressLine1,
      line2: creditor.addressLine2 ?? null,
      postalCode: creditor.postalCode,
      city: creditor.city,
      country: creditor.country,
    },
    brand: {
      displayName: creditor.brandDisplayName,
      primaryColor: creditor.brandPrimaryColor,
      logoUrl: logoUrlOf(creditor),
    },
    mandate: {
      reference: creditor.mandateReference,
      signedOn: creditor.mandateSignedOn,
      validUntil: creditor.mandateValidUntil ?? null,
      isValid: isMandateValid(creditor, today),
    },
    createdAt: creditor.createdAt.toISOString(),
  };
}

export async function createCreditor(ctx: ServiceContext, body: CreateCreditorBody): Promise<Creditor> {
  const siren = body.siren?.replace(/\s/g, '') || null;
  if (body.kind === 'company' && !siren) throw new AppError('siren_required', 400);
  if (siren && !isValidSiren(siren)) throw new AppError('invalid_siren', 400, { siren });
  const creditor = ctx.em.create(Creditor, {
    legalName: body.legalName,
    kind: body.kind,
    siren,
    addressLine1: body.address.line1,
    addressLine2: body.address.line2,
    postalCode: body.address.postalCode,
    city: body.address.city,
    country: body.address.country,
    brandDisplayName: body.brand.displayName,
    brandPrimaryColor: body.brand.primaryColor.toLowerCase(),
    mandateReference: body.mandate.reference,
    mandateSignedOn: body.mandate.signedOn,
    mandateValidUntil: body.mandate.validUntil,
  });
  await ctx.em.flush();
  return creditor;
}

/** A creditor user sees only their own creditor; a foreign id is "not found", never "forbidden". */
export async function getCreditor(ctx: ActorContext, id: string): Promise<Creditor> {
  const scope = creditorScope(ctx.actor);
  if (scope && scope !== id) throw new AppError('not_found', 404);
  const creditor = await ctx.em.findOne(Creditor, { id });
  if (!creditor) throw new AppError('not_found', 404);
  return creditor;
}

export async function listCreditors(
  ctx: ActorContext,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: Creditor[]; nextCursor: string | null }> {
  const scope = creditorScope(ctx.actor);
  const where: Record<string, unknown> = {};
  if (scope) where.id = scope;
  if (page.cursor) where.legalName = { $gt: Buffer.from(page.cursor, 'base64url').toString('utf8') };
  const rows = await ctx.em.find(Creditor, where, { orderBy: { legalName: 'asc' }, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > page.limit && last ? Buffer.from(last.legalName, 'utf8').toString('base64url') : null,
  };
}

function looksLikePng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

function looksLikeSafeSvg(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  if (!/<svg[\s>]/i.test(text)) return false;
  // Logos are shown to debtors: an SVG with scripts or event handlers could run in their browser.
  return !/<script|\son[a-z]+\s*=|javascript:|<foreignObject/i.test(text);
}

/** PNG or SVG, at most 512 KB, checked by content (not by the name the browser sent). */
export async function setCreditorLogo(ctx: ActorContext, id: string, bytes: Buffer): Promise<Creditor> {
  const creditor = await getCreditor(ctx, id);
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) throw new AppError('invalid_logo', 400);
  const contentType = looksLikePng(bytes) ? 'image/png' : looksLikeSafeSvg(bytes) ? 'image/svg+xml' : null;
  if (!contentType) throw new AppError('invalid_logo', 400);
  creditor.brandLogo = bytes;
  creditor.brandLogoContentType = contentType;
  creditor.brandLogoSha256 = createHash('sha256').update(bytes).digest('hex');
  await ctx.em.flush();
  return creditor;
}

export async function getCreditorLogo(ctx: ServiceContext, id: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const rows = await ctx.em.execute<{ brand_logo: Buffer | null; brand_logo_content_type: string | null }[]>(
    'select brand_logo, brand_logo_content_type from creditor where id = ?',
    [id],
  );
  const row = rows[0];
  if (!row?.brand_logo || !row.brand_logo_content_type) return null;
  return { bytes: row.brand_logo, contentType: row.brand_logo_content_type };
}

export function todayFor(ctx: ServiceContext): string {
  return todayInParis(ctx.clock);
}
