import type { AddRateBody, LegalRate as LegalRateDto, RateTableDto } from '@relance/contracts/statements';
import { compareHalfYears, type HalfYear, halfYearOf, isHalfYear, nextHalfYear } from '@relance/domain/dates';
import { frenchRates, type HalfYearRates, listMissingHalfYears, type RateTable, withAdditionalRates } from '@relance/domain/rates';
import { type ActorContext, type ServiceContext, todayInParis } from '../../plugins/context.ts';
import { AppError } from '../../plugins/errors.ts';
import { LegalRate } from './entities.ts';

/** The first half-year of the built-in table: the admin screen lists gaps from there on. */
const FIRST_KNOWN_HALF_YEAR: HalfYear = '2015-H1';

function toHalfYearRates(row: LegalRate): HalfYearRates {
  return {
    ecbMainRefinancingBasisPoints: row.ecbBasisPoints,
    legalRatePrivateIndividualBasisPoints: row.legalPrivateIndividualBasisPoints,
    legalRateOtherCasesBasisPoints: row.legalOtherBasisPoints,
  };
}

async function addedRates(ctx: Pick<ServiceContext, 'em'>): Promise<LegalRate[]> {
  return await ctx.em.find(LegalRate, {}, { orderBy: { halfYear: 'asc' } });
}

/**
 * The rate table every décompte uses: the published rates built into packages/domain, extended
 * (and, where an administrator corrected one, overridden) by the rates added at run time.
 */
export async function effectiveRateTable(ctx: Pick<ServiceContext, 'em'>): Promise<RateTable> {
  const cached = rateTablesHeld.get(ctx.em);
  if (cached) return await cached;
  const rows = await addedRates(ctx);
  return withAdditionalRates(frenchRates, Object.fromEntries(rows.map((row) => [row.halfYear, toHalfYearRates(row)])));
}

/** The rate table read once per entity manager while `withRateTableHeld` runs (see there). */
const rateTablesHeld = new WeakMap<object, Promise<RateTable>>();

/**
 * Runs `work` with the rate table read once for `ctx.em`, not once per décompte: a bank statement's
 * import computes four décomptes per payment, thousands in one transaction (issue 22), and the
 * table does not change within it. Anything else reads it afresh each time.
 */
export async function withRateTableHeld<T>(ctx: Pick<ServiceContext, 'em'>, work: () => Promise<T>): Promise<T> {
  if (rateTablesHeld.has(ctx.em)) return await work();
  const table = effectiveRateTable(ctx);
  rateTablesHeld.set(ctx.em, table);
  try {
    await table;
    return await work();
  } finally {
    rateTablesHeld.delete(ctx.em);
  }
}

export async function listRates(ctx: ServiceContext): Promise<RateTableDto> {
  const rows = await addedRates(ctx);
  const added = new Map(rows.map((row) => [row.halfYear, row]));
  const table = withAdditionalRates(frenchRates, Object.fromEntries(rows.map((row) => [row.halfYear, toHalfYearRates(row)])));
  const currentHalfYear = halfYearOf(todayInParis(ctx.clock));
  const items: LegalRateDto[] = (Object.entries(table) as [HalfYear, HalfYearRates][])
    .sort(([left], [right]) => compareHalfYears(left, right))
    .map(([halfYear, rates]) => {
      const row = added.get(halfYear);
      return {
        halfYear,
        ecbBasisPoints: rates.ecbMainRefinancingBasisPoints,
        defaultPenaltyBasisPoints: rates.ecbMainRefinancingBasisPoints + 1000,
        legalPrivateIndividualBasisPoints: rates.legalRatePrivateIndividualBasisPoints,
        legalOtherBasisPoints: rates.legalRateOtherCasesBasisPoints,
        source: row ? 'added' : 'built_in',
        addedAt: row ? row.createdAt.toISOString() : null,
      };
    });
  return { items, currentHalfYear, missing: listMissingHalfYears(table, FIRST_KNOWN_HALF_YEAR, currentHalfYear) };
}

/**
 * Records a half-year's rates once published. The taux légal of a half-year is published in the
 * weeks before it starts, so the next half-year may be added; anything further is refused.
 * A half-year already built in may be added (a correction: the added value wins); one already
 * added is refused, so two administrators cannot silently overwrite each other.
 */
export async function addRate(ctx: ActorContext, body: AddRateBody): Promise<LegalRateDto> {
  if (!isHalfYear(body.halfYear)) throw new AppError('validation_failed', 400, { issues: [{ path: 'halfYear', message: 'invalid' }] });
  const latestAllowed = nextHalfYear(halfYearOf(todayInParis(ctx.clock)));
  if (compareHalfYears(body.halfYear, latestAllowed) > 0) throw new AppError('rate_too_far_ahead', 400, { halfYear: body.halfYear, latestAllowed });
  const inserted = await ctx.em.execute<{ created_at: Date }[]>(
    `insert into legal_rate (half_year, ecb_basis_points, legal_private_individual_basis_points, legal_other_basis_points, added_by)
     values (?, ?, ?, ?, ?) on conflict (half_year) do nothing returning created_at`,
    [body.halfYear, body.ecbBasisPoints, body.legalPrivateIndividualBasisPoints, body.legalOtherBasisPoints, ctx.actor.userId],
  );
  const row = inserted[0];
  if (!row) throw new AppError('rate_exists', 409, { halfYear: body.halfYear });
  return {
    halfYear: body.halfYear,
    ecbBasisPoints: body.ecbBasisPoints,
    defaultPenaltyBasisPoints: body.ecbBasisPoints + 1000,
    legalPrivateIndividualBasisPoints: body.legalPrivateIndividualBasisPoints,
    legalOtherBasisPoints: body.legalOtherBasisPoints,
    source: 'added',
    addedAt: new Date(row.created_at).toISOString(),
  };
}
