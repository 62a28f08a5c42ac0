import type { CreditorKpis, KpiFigure } from '@relance/contracts/reports';
import type { Column, Locale } from './columns.ts';
import { type SectionCells, sectionCells } from './writers.ts';

// The KPI export (issue 19): the very object GET /api/v1/reports/kpis answers (reports/kpis.ts
// creditorKpis, never recomputed here), laid out as one section (CSV) or sheet (XLSX) per block.
// Rates are written in percent (0 to 100, two decimals), delays in days (one decimal), amounts in euros.

type Label = { readonly fr: string; readonly en: string };

const KPI_LABELS: Readonly<Record<KpiFigure['key'], Label>> = {
  recoveryRate: { fr: 'Taux de recouvrement (montant)', en: 'Recovery rate (amount)' },
  recoveryRateByCount: { fr: 'Taux de recouvrement (dossiers)', en: 'Recovery rate (cases)' },
  collectionDelayDays: { fr: 'Délai d’encaissement', en: 'Collection delay' },
  collectionDelayFromDueDays: { fr: 'Délai depuis l’échéance', en: 'Delay from due date' },
  disputeRate: { fr: 'Taux de contestation', en: 'Dispute rate' },
  costRatio: { fr: 'Coût du recouvrement', en: 'Cost of collection' },
  promisesKeptRate: { fr: 'Promesses tenues', en: 'Promises kept' },
  plansOnSchedule: { fr: 'Échéanciers à jour', en: 'Plans on schedule' },
};

/** A KPI's value in the file's unit: a ratio in percent with two decimals, days with one. */
export function exportedValue(value: number | null, unit: 'ratio' | 'days'): number | null {
  if (value === null) return null;
  return unit === 'ratio' ? Math.round(value * 10_000) / 100 : Math.round(value * 10) / 10;
}

const unitOf = (key: KpiFigure['key']): 'ratio' | 'days' => (key === 'collectionDelayDays' || key === 'collectionDelayFromDueDays' ? 'days' : 'ratio');
const metCode = (met: boolean | null) => (met === null ? null : met ? 'oui' : 'non');

const figureColumns = (locale: Locale): readonly Column<KpiFigure>[] => [
  { fr: 'Code', en: 'Code', kind: 'code', width: 26, value: (f) => f.key },
  { fr: 'Indicateur', en: 'Indicator', kind: 'code', width: 32, value: (f) => KPI_LABELS[f.key][locale] },
  { fr: 'Unité', en: 'Unit', kind: 'code', value: (f) => (unitOf(f.key) === 'ratio' ? '%' : locale === 'fr' ? 'jours' : 'days') },
  { fr: 'Valeur', en: 'Value', kind: 'decimal', value: (f) => exportedValue(f.value, unitOf(f.key)) },
  { fr: 'Sens de l’objectif', en: 'Target direction', kind: 'code', value: (f) => (f.target ? (f.target.direction === 'min' ? '>' : '<') : null) },
  { fr: 'Objectif', en: 'Target', kind: 'decimal', value: (f) => (f.target ? exportedValue(f.target.threshold, f.target.unit) : null) },
  { fr: 'Atteint', en: 'Met', kind: 'code', value: (f) => metCode(f.met) },
  { fr: 'Numérateur', en: 'Numerator', kind: 'int', value: (f) => f.numerator },
  { fr: 'Dénominateur', en: 'Denominator', kind: 'int', value: (f) => f.denominator },
];

type Amount = { key: string; fr: string; en: string; kind: 'money' | 'int'; value: number };
const amountColumns = (locale: Locale): readonly Column<Amount>[] => [
  { fr: 'Code', en: 'Code', kind: 'code', width: 26, value: (a) => a.key },
  { fr: 'Libellé', en: 'Label', kind: 'code', width: 40, value: (a) => a[locale] },
  { fr: 'Valeur', en: 'Value', kind: 'decimal', width: 16, value: (a) => (a.kind === 'money' ? a.value / 100 : a.value) },
];

function amounts(kpis: CreditorKpis): Amount[] {
  const money = (key: string, fr: string, en: string, value: number): Amount => ({ key, fr: `${fr} (€)`, en: `${en} (€)`, kind: 'money', value });
  return [
    { key: 'placedCases', fr: 'Dossiers confiés sur la période', en: 'Cases placed in the period', kind: 'int', value: kpis.placed.cases },
    money('placedAmount', 'Confié sur la période', 'Placed in the period', kpis.placed.amountCents),
    money('collectedInPeriod', 'Encaissé sur la période', 'Collected in the period', kpis.collectedInPeriodCents),
    money('commission', 'Commission HT', 'Commission excl. VAT', kpis.costs.commissionCents),
    money('legalCostsAdvanced', 'Frais de justice avancés', 'Legal costs advanced', kpis.costs.legalCostsAdvancedCents),
    money('legalCostsBorne', 'Frais de justice supportés', 'Legal costs borne', kpis.costs.legalCostsBorneCents),
    money('remitted', 'Reversé sur la période', 'Remitted in the period', kpis.remittedCents),
    money('awaitingRemittance', 'En attente de reversement', 'Awaiting remittance', kpis.awaitingRemittanceCents),
    { key: 'disputesOpen', fr: 'Contestations en cours', en: 'Disputes open', kind: 'int', value: kpis.disputes.open },
    { key: 'disputesUpheld', fr: 'Contestations fondées', en: 'Disputes upheld', kind: 'int', value: kpis.disputes.upheld },
    { key: 'disputesRejected', fr: 'Contestations rejetées', en: 'Disputes rejected', kind: 'int', value: kpis.disputes.rejected },
    { key: 'disputesSettled', fr: 'Contestations transigées', en: 'Disputes settled', kind: 'int', value: kpis.disputes.settled },
  ];
}

type Cohort = { month: string; placedCents: number; monthsSince: number; collectedCents: number; rate: number | null };

/** The sections of the KPI file, in the screen's order. */
export function kpiSections(kpis: CreditorKpis, locale: Locale): SectionCells[] {
  const cohortRows: Cohort[] = kpis.cohorts.flatMap((c) => c.points.map((p) => ({ month: c.month, placedCents: c.placedCents, ...p })));
  return [
    sectionCells({ title: { fr: 'Indicateurs', en: 'Indicators' }, sheet: { fr: 'Indicateurs', en: 'Indicators' }, columns: figureColumns(locale), rows: kpis.figures }),
    sectionCells({ title: { fr: 'Montants', en: 'Amounts' }, sheet: { fr: 'Montants', en: 'Amounts' }, columns: amountColumns(locale), rows: amounts(kpis) }),
    sectionCells({
      title: { fr: 'Ancienneté du solde ouvert (jours après échéance)', en: 'Ageing of the open balance (days past due)' },
      sheet: { fr: 'Ancienneté', en: 'Ageing' },
      columns: [
        { fr: 'Tranche', en: 'Bucket', kind: 'code', value: (r: CreditorKpis['ageing'][number]) => r.bucket },
        { fr: 'Dossiers', en: 'Cases', kind: 'int', value: (r) => r.cases },
        { fr: 'Solde ouvert (€)', en: 'Open balance (€)', kind: 'money', width: 16, value: (r) => r.openCents },
      ],
      rows: kpis.ageing,
    }),
    sectionCells({
      title: { fr: 'Entonnoir par étape', en: 'Funnel by stage' },
      sheet: { fr: 'Entonnoir', en: 'Funnel' },
      columns: [
        { fr: 'Étape', en: 'Stage', kind: 'code', width: 22, value: (r: CreditorKpis['funnel'][number]) => r.stage },
        { fr: 'Dossiers', en: 'Cases', kind: 'int', value: (r) => r.cases },
      ],
      rows: kpis.funnel,
    }),
    sectionCells({
      title: { fr: 'Cohortes : encaissé cumulé par mois depuis la remise', en: 'Cohorts: cumulative collected by months since placement' },
      sheet: { fr: 'Cohortes', en: 'Cohorts' },
      columns: [
        { fr: 'Mois de remise', en: 'Placement month', kind: 'code', value: (r: Cohort) => r.month },
        { fr: 'Confié (€)', en: 'Placed (€)', kind: 'money', width: 16, value: (r) => r.placedCents },
        { fr: 'Mois depuis la remise', en: 'Months since placement', kind: 'int', value: (r) => r.monthsSince },
        { fr: 'Encaissé cumulé (€)', en: 'Cumulative collected (€)', kind: 'money', width: 16, value: (r) => r.collectedCents },
        { fr: 'Taux (%)', en: 'Rate (%)', kind: 'decimal', value: (r) => exportedValue(r.rate, 'ratio') },
      ],
      rows: cohortRows,
    }),
    sectionCells({
      title: { fr: 'Encaissé et reversé par mois', en: 'Collected and remitted per month' },
      sheet: { fr: 'Par mois', en: 'By month' },
      columns: [
        { fr: 'Mois', en: 'Month', kind: 'code', value: (r: CreditorKpis['byMonth'][number]) => r.month },
        { fr: 'Encaissé (€)', en: 'Collected (€)', kind: 'money', width: 16, value: (r) => r.collectedCents },
        { fr: 'Reversé (€)', en: 'Remitted (€)', kind: 'money', width: 16, value: (r) => r.remittedCents },
      ],
      rows: kpis.byMonth,
    }),
  ];
}

/** What the file is about: the creditor (a name someone typed: a text cell, escaped in CSV), the period, the as-of date. */
export function kpiPreamble(kpis: CreditorKpis, locale: Locale): (string | null)[][] {
  const fr = locale === 'fr';
  return [
    [fr ? 'Créancier' : 'Creditor', kpis.creditorName ?? (fr ? 'Tous les créanciers' : 'All creditors')],
    [fr ? 'Du' : 'From', kpis.from],
    [fr ? 'Au' : 'To', kpis.to],
    [fr ? 'Arrêté au' : 'As of', kpis.asOf],
  ];
}
