import type { BusinessDate } from './dates.ts';
import type { LegalActionKind } from './legal-procedure.ts';

// The costs of a judicial step, estimated for the creditor before they approve it (they bear them
// under the mandate: CPCE L111-8 al. 1, costs of recovery without a title stay with the creditor;
// enforcement costs may be charged to the debtor only once a title exists). Figures are the
// regulated tariffs in force in 2026, rounded, and shown as estimates: the exact amount is the one
// on the greffe's or the commissaire's invoice, recorded as a cost when it is incurred.
// - Greffe of the tribunal de commerce / tribunal des activités économiques: injonction de payer
//   fee (C. com. R743-140 and its annexed tariff), 33.47 € TTC; the tribunal judiciaire charges none.
// - Commissaire de justice (C. com. A444-10 ff., arrêté tarifaire): service of the order (acte de
//   signification) about 60 €; a petites créances procedure about 120 € for the amounts it allows;
//   a commandement de payer about 80 € and a saisie-attribution about 150 €.

export type CourtKind = 'tribunal_judiciaire' | 'tribunal_commerce' | 'tribunal_activites_economiques';

export type CostLine = { readonly item: CostItem; readonly amountCents: number; readonly basis: string };

export const costItems = ['greffe_fee', 'service_of_order', 'petites_creances_fee', 'commandement_de_payer', 'saisie_attribution'] as const;
export type CostItem = (typeof costItems)[number];

const GREFFE_INJONCTION_COMMERCE_CENTS = 3347;
const SERVICE_OF_ORDER_CENTS = 6000;
const PETITES_CREANCES_CENTS = 12000;
const COMMANDEMENT_CENTS = 8000;
const SAISIE_ATTRIBUTION_CENTS = 15000;

/** The estimated costs of a step, line by line; `courtKind` matters for an injonction de payer only. */
export function estimateLegalCosts(kind: LegalActionKind, courtKind: CourtKind | null): { readonly lines: readonly CostLine[]; readonly totalCents: number } {
  const lines: CostLine[] = [];
  if (kind === 'injonction_de_payer') {
    if (courtKind !== 'tribunal_judiciaire') lines.push({ item: 'greffe_fee', amountCents: GREFFE_INJONCTION_COMMERCE_CENTS, basis: 'C. com. R743-140' });
    lines.push({ item: 'service_of_order', amountCents: SERVICE_OF_ORDER_CENTS, basis: 'C. com. A444-10' });
  } else if (kind === 'petites_creances') {
    lines.push({ item: 'petites_creances_fee', amountCents: PETITES_CREANCES_CENTS, basis: 'CPCE L125-1 al. 3, C. com. A444-10' });
  } else {
    lines.push({ item: 'commandement_de_payer', amountCents: COMMANDEMENT_CENTS, basis: 'C. com. A444-10' });
    lines.push({ item: 'saisie_attribution', amountCents: SAISIE_ATTRIBUTION_CENTS, basis: 'C. com. A444-10' });
  }
  return { lines, totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0) };
}

/**
 * The court an injonction de payer goes to (CPC 1406 and C. org. jud. L721-3): the commercial
 * court (tribunal des activités économiques where it replaced it) for a claim between traders or
 * companies, the tribunal judiciaire otherwise (a consumer, a private person, an association).
 */
export function injonctionCourtKind(parties: { readonly creditorIsBusiness: boolean; readonly debtorIsBusiness: boolean }, commercialCourt: 'tribunal_commerce' | 'tribunal_activites_economiques' = 'tribunal_commerce'): CourtKind {
  return parties.creditorIsBusiness && parties.debtorIsBusiness ? commercialCourt : 'tribunal_judiciaire';
}

/** Who bears a cost recorded on a legal action: the creditor under its mandate, or the debtor. */
export type CostBearer = 'creditor' | 'debtor';

/**
 * May a cost be charged to the debtor on `on`? CPCE L111-8 al. 1: the costs of enforcement are
 * the debtor's, but only once the creditor holds an enforceable title (L111-2, L111-3); without
 * one, every cost of recovery stays with the creditor (al. 2 and 3: a clause saying otherwise is
 * deemed unwritten). `titleOn` is the date the case's title became enforceable (an order final, a
 * judgment, the petites créances title, a title the creditor holds), null without one. The dépens
 * a title awards (the service of the order, CPC 1412 ff.) may be recorded once the title exists,
 * whatever day they were incurred. The one rule: the costs route refuses a debtor-borne cost
 * without a title (legal_cost_needs_title), and the décompte prints "frais de procédure" lines only
 * for the costs it lets through at its date.
 */
export function chargeableToDebtor(cost: { readonly borneBy: CostBearer }, titleOn: BusinessDate | null, on: BusinessDate): boolean {
  return cost.borneBy === 'debtor' && titleOn !== null && titleOn <= on;
}
