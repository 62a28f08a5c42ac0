import { describe, expect, it } from 'vitest';
import type { GateReason, GateReasonCode, GateVerdict } from '../src/legal-gate.ts';
import { firstFailure, type LegalCheckName, legalPrechecks, PETITES_CREANCES_MAX_CENTS, type PrecheckFacts } from '../src/legal-prechecks.ts';

// The pre-checks of a judicial step (issue 16): each check's verdict, with its article.

const allowed: GateVerdict = { decision: 'allowed', reasons: [], warnings: [], until: null };
const refusedBy = (code: GateReasonCode, params: GateReason['params'] = {}): GateVerdict => ({
  decision: 'refused',
  reasons: [{ code, severity: 'refuse', overridable: false, params }],
  warnings: [],
  until: null,
});

const facts: PrecheckFacts = {
  kind: 'injonction_de_payer',
  today: '2026-12-08',
  gate: allowed,
  claims: [
    { ref: 'F1', dueDate: '2026-06-30', prescriptionDate: '2031-06-30', nature: 'commercial' },
    { ref: 'F2', dueDate: '2026-07-31', prescriptionDate: '2031-07-31', nature: 'commercial' },
  ],
  claimedCents: 2_000_00,
  miseEnDemeure: { sentOn: '2026-11-18', presentedOn: '2026-11-20' },
  minDaysAfterMiseEnDemeure: 8,
  debtorAddressKnown: true,
  titleOn: null,
  venueFound: true,
};
const run = (overrides: Partial<PrecheckFacts> = {}) => legalPrechecks({ ...facts, ...overrides });
const check = (result: ReturnType<typeof legalPrechecks>, name: LegalCheckName) => result.checks.find((candidate) => candidate.check === name);

describe('legalPrechecks', () => {
  it('passes every check for a due, live claim after a mise en demeure presented long enough ago', () => {
    const result = run();
    expect(result.ok).toBe(true);
    expect(result.checks.map((candidate) => candidate.status)).toEqual(Array(9).fill('pass'));
    expect(result.includedClaims).toEqual(['F1', 'F2']);
    expect(firstFailure(result)).toBeNull();
  });

  describe('claims certain, liquid and payable (CPC 1405)', () => {
    it('excludes prescribed claims (C. civ. 2219) and warns', () => {
      const result = run({ claims: [...facts.claims, { ref: 'OLD', dueDate: '2019-01-31', prescriptionDate: '2024-01-31', nature: 'commercial' }] });
      expect(result.excludedClaims).toEqual([{ ref: 'OLD', reason: 'prescribed' }]);
      expect(result.includedClaims).toEqual(['F1', 'F2']);
      expect(check(result, 'claims_payable')).toMatchObject({ status: 'warn', code: 'legal_claims_excluded', params: { claims: ['OLD'] } });
      expect(result.ok).toBe(true);
    });

    it('a claim prescribing on today is still live; the day after it is excluded (C. civ. 2229)', () => {
      const onTheDay = run({ claims: [{ ref: 'F1', dueDate: '2021-12-08', prescriptionDate: '2026-12-08', nature: 'commercial' }] });
      expect(onTheDay.includedClaims).toEqual(['F1']);
      const after = run({ claims: [{ ref: 'F1', dueDate: '2021-12-07', prescriptionDate: '2026-12-07', nature: 'commercial' }] });
      expect(after.excludedClaims).toEqual([{ ref: 'F1', reason: 'prescribed' }]);
    });

    it('excludes claims not yet due', () => {
      const result = run({ claims: [...facts.claims, { ref: 'LATER', dueDate: '2027-01-31', prescriptionDate: '2032-01-31', nature: 'commercial' }] });
      expect(result.excludedClaims).toEqual([{ ref: 'LATER', reason: 'not_due' }]);
      expect(check(result, 'claims_payable')?.status).toBe('warn');
    });

    it('fails when nothing is left to claim', () => {
      const result = run({ claims: [{ ref: 'LATER', dueDate: '2027-01-31', prescriptionDate: '2032-01-31', nature: 'commercial' }] });
      expect(check(result, 'claims_payable')).toMatchObject({ status: 'fail', code: 'legal_nothing_payable', params: { excluded: ['LATER'] } });
      expect(result.ok).toBe(false);
    });

    it('highlights claims prescribing within 90 days (inclusive), soonest first', () => {
      const result = run({
        claims: [
          { ref: 'SOON', dueDate: '2022-03-08', prescriptionDate: '2027-03-08', nature: 'commercial' }, // 90 days
          { ref: 'SOONER', dueDate: '2022-01-10', prescriptionDate: '2027-01-10', nature: 'commercial' },
          { ref: 'FAR', dueDate: '2022-03-09', prescriptionDate: '2027-03-09', nature: 'commercial' }, // 91 days
        ],
      });
      expect(result.imminentClaims).toEqual([
        { ref: 'SOONER', prescriptionDate: '2027-01-10' },
        { ref: 'SOON', prescriptionDate: '2027-03-08' },
      ]);
      expect(check(result, 'claims_payable')).toMatchObject({ status: 'warn', code: 'legal_prescription_imminent', params: { first: '2027-01-10' } });
    });
  });

  describe('mise en demeure (C. civ. 1344; agency delay, 8 days by default)', () => {
    it('fails when missing', () => {
      expect(check(run({ miseEnDemeure: null }), 'mise_en_demeure')).toMatchObject({ status: 'fail', code: 'legal_mise_en_demeure_missing' });
    });
    it('fails when sent but not presented', () => {
      expect(check(run({ miseEnDemeure: { sentOn: '2026-12-01', presentedOn: null } }), 'mise_en_demeure')).toMatchObject({
        status: 'fail',
        code: 'legal_mise_en_demeure_not_presented',
        params: { sentOn: '2026-12-01' },
      });
    });
    it('fails when too recent, with the date the step becomes possible; passes on that date', () => {
      const recent = run({ miseEnDemeure: { sentOn: '2026-12-03', presentedOn: '2026-12-05' } });
      expect(check(recent, 'mise_en_demeure')).toMatchObject({ status: 'fail', code: 'legal_mise_en_demeure_too_recent', params: { days: 3, required: 8, from: '2026-12-13' } });
      expect(firstFailure(recent)?.code).toBe('legal_mise_en_demeure_too_recent');
      expect(check(run({ today: '2026-12-13', miseEnDemeure: { sentOn: '2026-12-03', presentedOn: '2026-12-05' } }), 'mise_en_demeure')?.status).toBe('pass');
      expect(check(run({ minDaysAfterMiseEnDemeure: 30 }), 'mise_en_demeure')).toMatchObject({ status: 'fail', params: { from: '2026-12-20' } });
    });
    it('is not required for an enforcement (the title’s step had it)', () => {
      expect(check(run({ kind: 'commissaire_enforcement', miseEnDemeure: null, titleOn: '2026-10-01' }), 'mise_en_demeure')?.status).toBe('pass');
    });
  });

  describe('petites créances: at most 5,000 € principal and interest included (CPCE R125-1)', () => {
    it('accepts exactly 5,000 € and refuses one cent more', () => {
      expect(check(run({ kind: 'petites_creances', claimedCents: PETITES_CREANCES_MAX_CENTS }), 'amount_threshold')?.status).toBe('pass');
      expect(check(run({ kind: 'petites_creances', claimedCents: PETITES_CREANCES_MAX_CENTS + 1 }), 'amount_threshold')).toMatchObject({
        status: 'fail',
        code: 'legal_amount_over_threshold',
        params: { maxCents: 500_000 },
      });
    });
    it('has no ceiling for an injonction de payer', () => {
      expect(check(run({ claimedCents: 50_000_00 }), 'amount_threshold')?.status).toBe('pass');
    });
  });

  it('requires the debtor’s address (CPC 1406: the court of the debtor’s domicile)', () => {
    expect(check(run({ debtorAddressKnown: false }), 'debtor_address')).toMatchObject({ status: 'fail', code: 'legal_address_missing' });
  });

  it('requires a title only for an enforcement (CPCE L111-2)', () => {
    expect(check(run(), 'title')?.status).toBe('pass');
    expect(check(run({ kind: 'petites_creances' }), 'title')?.status).toBe('pass');
    expect(check(run({ kind: 'commissaire_enforcement' }), 'title')).toMatchObject({ status: 'fail', code: 'legal_title_missing' });
    expect(check(run({ kind: 'commissaire_enforcement', titleOn: '2026-10-01' }), 'title')).toMatchObject({ status: 'pass', params: { titleOn: '2026-10-01' } });
  });

  it('warns when no court or commissaire was found (chosen by hand)', () => {
    expect(check(run({ venueFound: false }), 'court')).toMatchObject({ status: 'warn', code: 'legal_court_to_choose' });
    expect(check(run({ kind: 'petites_creances', venueFound: false }), 'court')).toMatchObject({ status: 'warn', code: 'legal_commissaire_to_choose' });
    expect(run({ venueFound: false }).ok).toBe(true);
  });

  it('maps each gate reason to its check, never decided twice', () => {
    const cases: [GateReasonCode, LegalCheckName][] = [
      ['case_closed', 'case_standing'],
      ['contact_refused_vulnerable', 'case_standing'],
      // C. com. L622-21: no court action for a claim once collective proceedings are opened.
      ['insolvency_proceedings', 'case_standing'],
      ['claim_prescribed', 'claims_payable'],
      ['nothing_due', 'claims_payable'],
      ['contact_refused_dispute', 'no_dispute'],
      ['mandate_excludes_judicial', 'mandate_judicial'],
      ['mandate_expired', 'mandate_judicial'],
      ['mandate_revoked', 'mandate_judicial'],
      ['mandate_not_started', 'mandate_judicial'],
    ];
    for (const [code, name] of cases) {
      const result = run({ gate: refusedBy(code, { x: 1 }) });
      expect(check(result, name), code).toMatchObject({ status: 'fail', code, params: { x: 1 } });
      expect(result.checks.filter((candidate) => candidate.status === 'fail').map((candidate) => candidate.check)).toEqual([name]);
      expect(result.ok).toBe(false);
    }
  });
});
