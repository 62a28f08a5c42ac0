import { createHash } from 'node:crypto';
import type { CreateCreditorBody, Creditor as CreditorDto, UpdateCreditorBody } from '@relance/contracts/creditors';
import { isValidSiren, normalizeBic, normalizeIban } from '@relance/domain/identifiers';
import { creditorActsProfessionally } from '@relance/domain/interest';
import { type MandateState, mandateState } from '@relance/domain/legal-gate';
import { checkWording, wordingProblemMessage } from '@relance/domain/wording-check';
import { creditorScope, findAccessible } from '../../plugins/access.ts';
import { type ActorContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { decodeCursor, encodeCursor } from '../../plugins/cursor.ts';
import { AppError } from '../../plugins/errors.ts';
import { emExec } from '../../plugins/sql.ts';
import { recordAudit } from '../audit/service.ts';
import { Creditor } from './entities.ts';
import { MAX_LOGO_BYTES, storedLogoOf } from './logo.ts';
import {
  contrastRatio,
  DEFAULT_MAXIMUM_REMITTANCE_DELAY_DAYS,
  MINIMUM_CONTRAST,
  normalizeFrenchVatNumber,
  sirenOfFrenchVatNumber,
} from './rules.ts';

export { MAX_LOGO_BYTES };
export const MAX_MANDATE_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * R124-3 as the legal gate reads it (packages/domain legal-gate.ts mandateState): signed, not
 * expired, not revoked. A revocation is stamped when it is recorded, so without an instant it counts
 * from then.
 */
export function mandateStateOf(creditor: Creditor, today: string, at?: Date): MandateState {
  const facts = {
    signedOn: creditor.mandateSignedOn,
    validUntil: creditor.mandateValidUntil ?? null,
    revokedAt: creditor.mandateRevokedAt ?? null,
    coversJudicial: creditor.mandateCoversJudicial,
  };
  return mandateState(facts, today, at ?? creditor.mandateRevokedAt ?? new Date(0));
}

/** R124-3: no file is worked without a mandate in force today. */
export function isMandateValid(creditor: Creditor, today: string): boolean {
  return mandateStateOf(creditor, today) === 'in_force';
}

export function logoUrlOf(creditor: Creditor): string | null {
  return creditor.brandLogoSha256 ? `/api/v1/brand-assets/${creditor.id}/logo?v=${creditor.brandLogoSha256.slice(0, 12)}` : null;
}

export function mandateDocumentUrlOf(creditor: Creditor): string {
  return `/api/v1/creditors/${creditor.id}/mandate-document`;
}

export function toCreditorDto(creditor: Creditor, today: string): CreditorDto {
  return {
    id: creditor.id,
    legalName: creditor.legalName,
    kind: creditor.kind,
    actsProfessionally: creditor.kind === 'company' || creditor.actsProfessionally,
    legalForm: creditor.legalForm ?? null,
    siren: creditor.siren ?? null,
    vatNumber: creditor.vatNumber ?? null,
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
      secondaryColor: creditor.brandSecondaryColor ?? null,
      senderName: creditor.brandSenderName ?? null,
      replyTo: creditor.brandReplyTo ?? null,
      signature: creditor.brandSignature ?? null,
      footer: creditor.brandFooter ?? null,
    },
    mandate: {
      reference: creditor.mandateReference,
      signedOn: creditor.mandateSignedOn,
      validUntil: creditor.mandateValidUntil ?? null,
      isValid: isMandateValid(creditor, today),
      state: mandateStateOf(creditor, today),
      revokedAt: creditor.mandateRevokedAt ? creditor.mandateRevokedAt.toISOString() : null,
      revokedReason: creditor.mandateRevokedReason ?? null,
      coversJudicial: creditor.mandateCoversJudicial,
      legalPreapprovedBelowCents: creditor.legalPreapprovedBelowCents ?? null,
      document:
        creditor.mandateDocumentSha256 && creditor.mandateDocumentUploadedAt
          ? {
              fileName: creditor.mandateDocumentName ?? 'mandat.pdf',
              sizeBytes: creditor.mandateDocumentSize ?? 0,
              sha256: creditor.mandateDocumentSha256,
              uploadedAt: creditor.mandateDocumentUploadedAt.toISOString(),
              url: mandateDocumentUrlOf(creditor),
            }
          : null,
    },
    commission: {
      percentBasisPoints: creditor.commissionBasisPoints ?? null,
      fixedFeeCents: creditor.commissionFixedFeeCents ?? null,
      tiers: creditor.commissionTiers ?? [],
      onDirectPayments: creditor.commissionOnDirectPayments,
    },
    remittance: {
      basis: creditor.remittanceBasis,
      frequency: creditor.remittanceFrequency,
      delayDays: creditor.remittanceDelayDays,
      longerDelayStipulated: creditor.remittanceLongerDelayStipulated,
    },
    paymentPlanRules: {
      maxDurationMonths: creditor.planMaxDurationMonths,
      minInstallmentCents: creditor.planMinInstallmentCents,
      maxAgentDiscountBasisPoints: creditor.planMaxAgentDiscountBasisPoints,
      managerApprovalAboveCents: creditor.planManagerAboveCents ?? null,
      managerApprovalAboveMonths: creditor.planManagerAboveMonths ?? null,
      portalMinPaymentCents: creditor.portalMinPaymentCents,
      portalFirstDueWithinDays: creditor.portalFirstDueWithinDays,
      promiseWithinDays: creditor.promiseWithinDays,
    },
    remittanceAccount: creditor.remittanceIban ? { iban: creditor.remittanceIban, bic: creditor.remittanceBic ?? null } : null,
    dataRetention: { yearsAfterClose: creditor.retentionYearsAfterClose },
    defaultClaimNature: creditor.defaultClaimNature ?? null,
    createdAt: creditor.createdAt.toISOString(),
  };
}

function normalizedSiren(text: string | null | undefined): string | null {
  const siren = text?.replace(/[\s\u00A0]/g, '') || null;
  if (siren && !isValidSiren(siren)) throw new AppError('invalid_siren', 400, { siren: text });
  return siren;
}

function normalizedVatNumber(text: string | null | undefined): string | null {
  if (!text?.trim()) return null;
  const vat = normalizeFrenchVatNumber(text);
  if (!vat) throw new AppError('invalid_vat_number', 400, { vatNumber: text });
  return vat;
}

function normalizedAccount(account: { iban: string; bic?: string | null | undefined } | null): { iban: string | null; bic: string | null } {
  if (!account) return { iban: null, bic: null };
  const iban = normalizeIban(account.iban);
  if (!iban) throw new AppError('invalid_iban', 400, { field: 'remittanceAccount.iban' });
  const bicText = account.bic?.trim();
  const bic = bicText ? normalizeBic(bicText) : null;
  if (bicText && !bic) throw new AppError('invalid_bic', 400, { field: 'remittanceAccount.bic' });
  return { iban, bic };
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Rules across fields, checked on the creditor as it would be saved (after a creation or an edit). */
/**
 * The signature and footer every letter prints (issue 15): read by the wording checker like the
 * creditor's paragraphs, as present statements (no later step at all, planned or not); the
 * creditor's own names are names, not threats. Only the agency edits them (PATCH /creditors is
 * managers' and administrators'), so they apply at once, audited (updateCreditor).
 */
function checkBrandWording(creditor: Creditor, locale: 'fr' | 'en'): void {
  const problems = checkWording({ signature: creditor.brandSignature, footer: creditor.brandFooter }, [], {
    ownNames: [creditor.legalName, creditor.brandDisplayName],
  });
  if (problems.length === 0) return;
  const dto = problems.map((problem) => ({
    field: `brand.${problem.field}`,
    rule: problem.rule,
    phrase: problem.phrase,
    step: problem.step,
    article: problem.article,
    message: wordingProblemMessage(problem, locale),
  }));
  throw new AppError('letter_wording_not_allowed', 400, { issues: dto.map(({ field, message }) => ({ path: field, message })), problems: dto });
}

function checkCreditor(creditor: Creditor, locale: 'fr' | 'en' = 'fr'): void {
  checkBrandWording(creditor, locale);
  if (creditor.kind === 'company' && !creditor.siren) throw new AppError('siren_required', 400);
  if (creditor.vatNumber && creditor.siren && sirenOfFrenchVatNumber(creditor.vatNumber) !== creditor.siren) {
    throw new AppError('vat_number_siren_mismatch', 400, { vatNumber: creditor.vatNumber, siren: creditor.siren });
  }
  const onPrimary = contrastRatio('#ffffff', creditor.brandPrimaryColor);
  if (onPrimary < MINIMUM_CONTRAST) {
    throw new AppError('insufficient_contrast', 400, {
      field: 'brand.primaryColor',
      color: creditor.brandPrimaryColor,
      ratio: Math.floor(onPrimary * 100) / 100,
      minimum: MINIMUM_CONTRAST,
    });
  }
  if (creditor.brandSecondaryColor) {
    // The secondary colour is a text colour, read on the white pages.
    const onWhite = contrastRatio(creditor.brandSecondaryColor, '#ffffff');
    if (onWhite < MINIMUM_CONTRAST) {
      throw new AppError('insufficient_contrast', 400, {
        field: 'brand.secondaryColor',
        color: creditor.brandSecondaryColor,
        ratio: Math.floor(onWhite * 100) / 100,
        minimum: MINIMUM_CONTRAST,
      });
    }
  }
  if (creditor.remittanceDelayDays > DEFAULT_MAXIMUM_REMITTANCE_DELAY_DAYS && !creditor.remittanceLongerDelayStipulated) {
    throw new AppError('remittance_delay_too_long', 400, {
      delayDays: creditor.remittanceDelayDays,
      maximum: DEFAULT_MAXIMUM_REMITTANCE_DELAY_DAYS,
    });
  }
  if (creditor.mandateValidUntil && creditor.mandateValidUntil < creditor.mandateSignedOn) {
    throw new AppError('validation_failed', 400, { issues: [{ path: '/mandate/validUntil', message: 'before the signature date' }] });
  }
}

type Terms = Pick<CreateCreditorBody, 'commission' | 'remittance' | 'paymentPlanRules' | 'dataRetention' | 'defaultClaimNature'>;

function termsValues(body: Terms): Partial<Creditor> {
  const values: Partial<Creditor> = {};
  if (body.commission) {
    values.commissionBasisPoints = body.commission.percentBasisPoints;
    values.commissionFixedFeeCents = body.commission.fixedFeeCents;
    if (body.commission.tiers !== undefined) values.commissionTiers = [...body.commission.tiers].sort((a, b) => a.from - b.from);
    if (body.commission.onDirectPayments !== undefined) values.commissionOnDirectPayments = body.commission.onDirectPayments;
  }
  const r = body.remittance;
  if (r?.basis !== undefined) values.remittanceBasis = r.basis;
  if (r?.frequency !== undefined) values.remittanceFrequency = r.frequency;
  if (r?.delayDays !== undefined) values.remittanceDelayDays = r.delayDays;
  if (r?.longerDelayStipulated !== undefined) values.remittanceLongerDelayStipulated = r.longerDelayStipulated;
  const plan = body.paymentPlanRules;
  if (plan?.maxDurationMonths !== undefined) values.planMaxDurationMonths = plan.maxDurationMonths;
  if (plan?.minInstallmentCents !== undefined) values.planMinInstallmentCents = plan.minInstallmentCents;
  if (plan?.maxAgentDiscountBasisPoints !== undefined) values.planMaxAgentDiscountBasisPoints = plan.maxAgentDiscountBasisPoints;
  if (plan?.managerApprovalAboveCents !== undefined) values.planManagerAboveCents = plan.managerApprovalAboveCents;
  if (plan?.managerApprovalAboveMonths !== undefined) values.planManagerAboveMonths = plan.managerApprovalAboveMonths;
  if (plan?.portalMinPaymentCents !== undefined) values.portalMinPaymentCents = plan.portalMinPaymentCents;
  if (plan?.portalFirstDueWithinDays !== undefined) values.portalFirstDueWithinDays = plan.portalFirstDueWithinDays;
  if (plan?.promiseWithinDays !== undefined) values.promiseWithinDays = plan.promiseWithinDays;
  if (body.dataRetention) values.retentionYearsAfterClose = body.dataRetention.yearsAfterClose;
  if (body.defaultClaimNature !== undefined) values.defaultClaimNature = body.defaultClaimNature;
  return values;
}

export async function createCreditor(ctx: ServiceContext, body: CreateCreditorBody): Promise<Creditor> {
  const account = body.remittanceAccount ? normalizedAccount(body.remittanceAccount) : { iban: null, bic: null };
  const creditor = ctx.em.create(Creditor, {
    legalName: body.legalName,
    kind: body.kind,
    actsProfessionally: body.actsProfessionally ?? false,
    legalForm: blankToNull(body.legalForm),
    siren: normalizedSiren(body.siren),
    vatNumber: normalizedVatNumber(body.vatNumber),
    addressLine1: body.address.line1,
    addressLine2: body.address.line2,
    postalCode: body.address.postalCode,
    city: body.address.city,
    country: body.address.country,
    brandDisplayName: body.brand.displayName,
    brandPrimaryColor: body.brand.primaryColor.toLowerCase(),
    brandSecondaryColor: body.brand.secondaryColor?.toLowerCase() ?? null,
    brandSenderName: blankToNull(body.brand.senderName),
    brandReplyTo: blankToNull(body.brand.replyTo),
    brandSignature: blankToNull(body.brand.signature),
    brandFooter: blankToNull(body.brand.footer),
    mandateReference: body.mandate.reference,
    mandateSignedOn: body.mandate.signedOn,
    mandateValidUntil: body.mandate.validUntil,
    remittanceIban: account.iban,
    remittanceBic: account.bic,
    ...termsValues(body),
  });
  checkCreditor(creditor, ctx.locale);
  await ctx.em.flush();
  return creditor;
}

/**
 * Edits a creditor: only the fields given change; the whole creditor is checked again before saving.
 * A change of what the mandate covers (judicial steps) is recorded in the audit trail, in the same
 * transaction.
 */
export async function updateCreditor(ctx: ActorContext, id: string, body: UpdateCreditorBody): Promise<Creditor> {
  return await ctx.em.transactional(async (em) => {
    const creditor = await getCreditor({ ...ctx, em }, id);
    const coversJudicial = body.mandate?.coversJudicial;
    const scopeChanged = coversJudicial !== undefined && coversJudicial !== creditor.mandateCoversJudicial;
    const standingBefore = creditorActsProfessionally(creditor.kind, creditor.actsProfessionally);
    const wordingBefore = { signature: creditor.brandSignature ?? null, footer: creditor.brandFooter ?? null };
    em.assign(creditor, updatedValues(body));
    checkCreditor(creditor, ctx.locale);
    await em.flush();
    const tx = { ...ctx, em };
    await recordStandingChange(tx, creditor, standingBefore);
    await recordBrandWordingChange(tx, creditor, wordingBefore);
    if (scopeChanged) {
      await recordAudit(emExec(em), {
        actorId: ctx.actor.userId,
        at: ctx.clock.now(),
        action: 'creditor_mandate_scope_changed',
        entity: 'creditor',
        entityId: creditor.id,
        creditorId: creditor.id,
        details: { coversJudicial, before: !coversJudicial },
      });
    }
    return creditor;
  });
}

/** The values an edit changes (only the fields given). */
function updatedValues(body: UpdateCreditorBody): Partial<Creditor> {
  const values: Partial<Creditor> = termsValues(body);
  if (body.legalName !== undefined) values.legalName = body.legalName;
  if (body.kind !== undefined) values.kind = body.kind;
  if (body.actsProfessionally !== undefined) values.actsProfessionally = body.actsProfessionally;
  if (body.legalForm !== undefined) values.legalForm = blankToNull(body.legalForm);
  if (body.siren !== undefined) values.siren = normalizedSiren(body.siren);
  if (body.vatNumber !== undefined) values.vatNumber = normalizedVatNumber(body.vatNumber);
  const a = body.address;
  if (a?.line1 !== undefined) values.addressLine1 = a.line1;
  if (a?.line2 !== undefined) values.addressLine2 = a.line2;
  if (a?.postalCode !== undefined) values.postalCode = a.postalCode;
  if (a?.city !== undefined) values.city = a.city;
  if (a?.country !== undefined) values.country = a.country;
  const b = body.brand;
  if (b?.displayName !== undefined) values.brandDisplayName = b.displayName;
  if (b?.primaryColor !== undefined) values.brandPrimaryColor = b.primaryColor.toLowerCase();
  if (b?.secondaryColor !== undefined) values.brandSecondaryColor = b.secondaryColor?.toLowerCase() ?? null;
  if (b?.senderName !== undefined) values.brandSenderName = blankToNull(b.senderName);
  if (b?.replyTo !== undefined) values.brandReplyTo = blankToNull(b.replyTo);
  if (b?.signature !== undefined) values.brandSignature = blankToNull(b.signature);
  if (b?.footer !== undefined) values.brandFooter = blankToNull(b.footer);
  const m = body.mandate;
  if (m?.reference !== undefined) values.mandateReference = m.reference;
  if (m?.signedOn !== undefined) values.mandateSignedOn = m.signedOn;
  if (m?.validUntil !== undefined) values.mandateValidUntil = m.validUntil;
  if (m?.coversJudicial !== undefined) values.mandateCoversJudicial = m.coversJudicial;
  if (m?.legalPreapprovedBelowCents !== undefined) values.legalPreapprovedBelowCents = m.legalPreapprovedBelowCents;
  if (body.remittanceAccount !== undefined) {
    const account = normalizedAccount(body.remittanceAccount);
    values.remittanceIban = account.iban;
    values.remittanceBic = account.bic;
  }
  return values;
}

/** The signature and footer print in every letter: a change is kept in the audit trail. */
async function recordBrandWordingChange(ctx: ActorContext, creditor: Creditor, before: { signature: string | null; footer: string | null }): Promise<void> {
  const after = { signature: creditor.brandSignature ?? null, footer: creditor.brandFooter ?? null };
  if (before.signature === after.signature && before.footer === after.footer) return;
  await recordAudit(emExec(ctx.em), {
    actorId: ctx.actor.userId,
    at: ctx.clock.now(),
    action: 'creditor_brand_wording_changed',
    entity: 'creditor',
    entityId: creditor.id,
    creditorId: creditor.id,
    details: { before, after },
  });
}

/**
 * Whether the creditor acts professionally changes what its debtors owe (C. com. L441-10
 * penalties and indemnity, the taux légal category of CMF L313-2): a change is kept in the audit trail.
 */
async function recordStandingChange(ctx: ActorContext, creditor: Creditor, before: boolean): Promise<void> {
  const after = creditorActsProfessionally(creditor.kind, creditor.actsProfessionally);
  if (after === before) return;
  await recordAudit(emExec(ctx.em), {
    actorId: ctx.actor.userId,
    at: ctx.clock.now(),
    action: 'creditor_professional_standing_changed',
    entity: 'creditor',
    entityId: creditor.id,
    details: { from: before, to: after, kind: creditor.kind },
    creditorId: creditor.id,
  });
}

/** A creditor user sees only their own creditor; a foreign id is "not found", never "forbidden". */
export async function getCreditor(ctx: ActorContext, id: string): Promise<Creditor> {
  return await findAccessible(ctx, 'creditor', Creditor, id);
}

export async function listCreditors(
  ctx: ActorContext,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: Creditor[]; nextCursor: string | null }> {
  const scope = creditorScope(ctx.actor);
  const where: Record<string, unknown> = {};
  if (scope) where.id = scope;
  if (page.cursor) where.legalName = { $gt: decodeCursor(page.cursor, ['text'])[0] };
  const rows = await ctx.em.find(Creditor, where, { orderBy: { legalName: 'asc' }, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.legalName]) : null,
  };
}

/**
 * PNG, JPEG, WebP or SVG, at most 512 KB, decoded and stored as a re-encoded PNG (logo.ts says why):
 * what is kept and served is never the uploaded bytes.
 */
export async function setCreditorLogo(ctx: ActorContext, id: string, bytes: Buffer): Promise<Creditor> {
  const creditor = await getCreditor(ctx, id);
  const { png, sha256 } = await storedLogoOf(bytes, ctx.locale);
  creditor.brandLogo = png;
  creditor.brandLogoContentType = 'image/png';
  creditor.brandLogoSha256 = sha256;
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

/** The signed R124-3 mandate: a PDF (checked by its first bytes, not by its name) of 10 MB at most. */
export async function setMandateDocument(ctx: ActorContext, id: string, file: { fileName: string; bytes: Buffer }): Promise<Creditor> {
  const creditor = await getCreditor(ctx, id);
  const { bytes } = file;
  if (bytes.length === 0 || bytes.length > MAX_MANDATE_DOCUMENT_BYTES || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    throw new AppError('invalid_mandate_document', 400);
  }
  const fileName = file.fileName.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200) || 'mandat.pdf';
  creditor.mandateDocument = bytes;
  creditor.mandateDocumentName = fileName;
  creditor.mandateDocumentSize = bytes.length;
  creditor.mandateDocumentSha256 = createHash('sha256').update(bytes).digest('hex');
  creditor.mandateDocumentUploadedAt = ctx.clock.now();
  await ctx.em.flush();
  return creditor;
}

/** The signed mandate, for staff and that creditor's users only (a foreign creditor is 404). */
export async function getMandateDocument(
  ctx: ActorContext,
  id: string,
): Promise<{ bytes: Buffer; fileName: string; sha256: string }> {
  const creditor = await getCreditor(ctx, id);
  const rows = await ctx.em.execute<{ mandate_document: Buffer | null }[]>('select mandate_document from creditor where id = ?', [
    creditor.id,
  ]);
  const bytes = rows[0]?.mandate_document;
  if (!bytes || !creditor.mandateDocumentSha256) throw new AppError('not_found', 404);
  return { bytes, fileName: creditor.mandateDocumentName ?? 'mandat.pdf', sha256: creditor.mandateDocumentSha256 };
}
