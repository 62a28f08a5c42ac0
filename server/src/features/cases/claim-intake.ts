import { type ClaimNature, type NatureSource, natureRegimes, resolveClaimNature } from '@relance/domain/claim-nature';
import type { DebtorKind } from '@relance/domain/interest';
import { computePrescription } from '@relance/domain/prescription';
import type { CreditorKind } from '@relance/domain/rates';
import { rawSql, type SqlFragment } from '../../plugins/sql.ts';

// The nature a claim is placed with, at every door that places claims (POST /cases, imports): the
// one stated, else the creditor's default, else inferred from the parties (packages/domain
// claim-nature.ts resolveClaimNature), with its prescription date before any interruption.

/** What a claim is stored with at intake: its nature, where the nature came from, and its prescription date without events. */
export type IntakeNature = {
  readonly nature: ClaimNature;
  readonly natureSource: NatureSource;
  /** Due date + the nature's duration: the last day it can be pursued before any interruption. */
  readonly prescriptionDate: string;
  /** Already prescribed on the day it is placed: accepted only flagged as such (prescribed_at_intake). */
  readonly prescribed: boolean;
};

/**
 * The nature a new claim gets (stated, else the creditor's default, else inferred from the parties:
 * resolveClaimNature) and its prescription date before any interruption (C. civ. 2224, 2233: from
 * the due date; the nature's regime gives the duration).
 */
export function intakeNature(input: {
  readonly given?: ClaimNature | null;
  readonly creditorKind: CreditorKind;
  readonly debtorKind: DebtorKind;
  readonly creditorDefault?: ClaimNature | null;
  readonly dueDate: string;
  readonly today: string;
}): IntakeNature {
  const resolved = resolveClaimNature(input);
  const prescription = computePrescription({
    claim: { ref: '', dueDate: input.dueDate, nature: resolved.nature },
    creditorKind: input.creditorKind,
    debtorKind: input.debtorKind,
    events: [],
    asOf: input.today,
    warningHorizonDays: 0,
  });
  return { nature: resolved.nature, natureSource: resolved.source, prescriptionDate: prescription.date, prescribed: prescription.prescribed };
}

/**
 * `due + <the nature's duration>` in SQL, the durations taken from the domain's regimes: the date
 * before any interruption, for set-based writes (an import that moves a known claim's due date).
 */
export function prescriptionDateSql(dueColumn: string, natureColumn: string): SqlFragment {
  const arms = Object.entries(natureRegimes).map(([nature, regime]) => `when '${nature}' then interval '${regime.years} years'`);
  return rawSql(`(${dueColumn} + case ${natureColumn} ${arms.join(' ')} end)::date`);
}
