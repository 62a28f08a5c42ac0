import { describe, expect, it } from 'vitest';
import { claimNatures, inferClaimNature, natureRegime, parseClaimNature, resolveClaimNature } from '../src/claim-nature.ts';
import { computePrescription } from '../src/prescription.ts';

const claim = (nature: (typeof claimNatures)[number]) => ({ ref: 'F1', dueDate: '2023-03-15', nature });
const at = (nature: (typeof claimNatures)[number], asOf: string, events: Parameters<typeof computePrescription>[0]['events'] = []) =>
  computePrescription({ claim: claim(nature), creditorKind: 'company', debtorKind: 'person', events, asOf, warningHorizonDays: 90 });

describe('prescription by the nature of the claim', () => {
  it('each nature has its duration and article', () => {
    expect(Object.fromEntries(claimNatures.map((nature) => [nature, [natureRegime(nature).years, natureRegime(nature).basis]]))).toEqual({
      commercial: [5, 'C. com. L110-4'],
      consumer: [2, 'C. conso. L218-2'],
      residential_rent: [3, 'Loi 89-462 du 6 juillet 1989, art. 7-1'],
      consumer_credit: [2, 'C. conso. R312-35 (forclusion)'],
      telecom: [1, 'CPCE (postes et communications électroniques) L34-2'],
      civil: [5, 'C. civ. 2224'],
    });
  });

  it('a rent due on 15 March 2023 can be pursued until 15 March 2026 and is prescribed on the 16th (3 years, C. civ. 2229)', () => {
    expect(at('residential_rent', '2026-03-15')).toMatchObject({ date: '2026-03-15', prescribed: false, durationYears: 3, nature: 'residential_rent' });
    expect(at('residential_rent', '2026-03-16')).toMatchObject({ prescribed: true });
  });

  it('a telecom bill prescribes after one year, a consumer sale after two, a commercial invoice after five', () => {
    expect(at('telecom', '2024-03-16').prescribed).toBe(true);
    expect(at('consumer', '2025-03-15').prescribed).toBe(false);
    expect(at('consumer', '2025-03-16').prescribed).toBe(true);
    expect(at('commercial', '2028-03-15').prescribed).toBe(false);
  });

  it('consumer credit is a forclusion: a payment does not interrupt it, a court claim does (C. civ. 2220, 2241)', () => {
    const paid = at('consumer_credit', '2025-03-16', [{ kind: 'payment', date: '2024-06-01' }]);
    expect(paid).toMatchObject({ prescribed: true, ignored: [{ kind: 'payment', reason: 'does_not_interrupt_forclusion' }] });
    const sued = at('consumer_credit', '2025-03-16', [{ kind: 'injonction_de_payer_request', date: '2024-06-01' }]);
    expect(sued).toMatchObject({ prescribed: false, date: '2026-06-01' });
    // The same payment does interrupt a consumer sale's prescription.
    expect(at('consumer', '2025-03-16', [{ kind: 'payment', date: '2024-06-01' }])).toMatchObject({ prescribed: false, date: '2026-06-01' });
  });

  it('without a nature the claim gets the inferred one (the behaviour before natures)', () => {
    const inferred = computePrescription({ claim: { ref: 'F1', dueDate: '2023-03-15' }, creditorKind: 'company', debtorKind: 'person', events: [], asOf: '2024-01-01', warningHorizonDays: 90 });
    expect(inferred).toMatchObject({ nature: 'consumer', durationYears: 2, date: '2025-03-15' });
  });
});

describe('resolveClaimNature', () => {
  it('stated nature first, then the creditor default, then inference from the parties', () => {
    expect(resolveClaimNature({ given: 'telecom', creditorKind: 'company', debtorKind: 'person', creditorDefault: 'consumer' })).toEqual({ nature: 'telecom', source: 'given' });
    expect(resolveClaimNature({ creditorKind: 'private_individual', debtorKind: 'person', creditorDefault: 'residential_rent' })).toEqual({ nature: 'residential_rent', source: 'creditor_default' });
    expect(resolveClaimNature({ creditorKind: 'private_individual', debtorKind: 'person' })).toEqual({ nature: 'civil', source: 'inferred' });
    expect(resolveClaimNature({ creditorKind: 'company', debtorKind: 'person', creditorDefault: null })).toEqual({ nature: 'consumer', source: 'inferred' });
    expect(resolveClaimNature({ creditorKind: 'company', debtorKind: 'company' })).toEqual({ nature: 'commercial', source: 'inferred' });
  });

  it('a consumer-only default does not apply to a company debtor', () => {
    expect(resolveClaimNature({ creditorKind: 'company', debtorKind: 'company', creditorDefault: 'consumer_credit' })).toEqual({ nature: 'commercial', source: 'inferred' });
  });

  it('inference: professional debtor → commercial, consumer of a company → consumer, private creditor → civil', () => {
    expect([inferClaimNature('company', 'company'), inferClaimNature('private_individual', 'company'), inferClaimNature('company', 'person'), inferClaimNature('private_individual', 'person')]).toEqual([
      'commercial',
      'commercial',
      'consumer',
      'civil',
    ]);
  });
});

describe('parseClaimNature', () => {
  it('reads codes and French synonyms, whatever the accents and case', () => {
    expect(parseClaimNature('Loyer')).toBe('residential_rent');
    expect(parseClaimNature('Bail d’habitation')).toBe('residential_rent');
    expect(parseClaimNature('crédit à la consommation')).toBe('consumer_credit');
    expect(parseClaimNature('B2C')).toBe('consumer');
    expect(parseClaimNature('Téléphonie')).toBe('telecom');
    expect(parseClaimNature('COMMERCIALE')).toBe('commercial');
    expect(parseClaimNature('residential_rent')).toBe('residential_rent');
    expect(parseClaimNature('consumer credit')).toBe('consumer_credit');
  });

  it('empty → null (resolved later), unknown → undefined (reported on the row)', () => {
    expect(parseClaimNature('')).toBeNull();
    expect(parseClaimNature('  ')).toBeNull();
    expect(parseClaimNature(undefined)).toBeNull();
    expect(parseClaimNature('amende')).toBeUndefined();
  });
});
