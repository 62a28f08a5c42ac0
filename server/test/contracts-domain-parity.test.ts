import { claimNature } from '@relance/contracts/common';
import { errorMessages } from '@relance/contracts/errors';
import * as legalContracts from '@relance/contracts/legal-actions';
import { ledgerAccount, ledgerBook, ledgerTransactionKind } from '@relance/contracts/money';
import { claimNatures } from '@relance/domain/claim-nature';
import { ledgerAccounts, ledgerBooks, ledgerTransactionKinds } from '@relance/domain/ledger';
import { gateReasonCodes } from '@relance/domain/legal-gate';
import { legalCheckNames } from '@relance/domain/legal-prechecks';
import * as legalDomain from '@relance/domain/legal-procedure';
import { describe, expect, it } from 'vitest';

// The API's lists that mirror the domain's (contracts depend on zod only, not on the domain).
describe('contracts and domain agree', () => {
  it('the claim natures are the same list', () => {
    expect(claimNature.options).toEqual([...claimNatures]);
  });

  it('every reason of the legal gate is an API error code with a French and an English message', () => {
    for (const code of gateReasonCodes) {
      expect(errorMessages, code).toHaveProperty(code);
    }
  });

  it('the legal actions’ kinds, stages, events and commissaire acts are the same lists (issue 16)', () => {
    expect([...legalContracts.legalActionKinds]).toEqual([...legalDomain.legalActionKinds]);
    expect([...legalContracts.legalActionStages]).toEqual([...legalDomain.legalActionStages]);
    expect([...legalContracts.legalEventKinds]).toEqual([...legalDomain.legalEventKinds]);
    expect([...legalContracts.commissaireActs]).toEqual([...legalDomain.commissaireActs]);
    expect(legalContracts.legalCheck.shape.check.options).toEqual([...legalCheckNames]);
    expect(Object.keys(legalContracts.legalCheckPassLabels)).toEqual([...legalCheckNames]);
  });

  it('the ledger’s accounts, books and transaction kinds are the same lists (issue 17)', () => {
    expect(ledgerAccount.options).toEqual([...ledgerAccounts]);
    expect(ledgerBook.options).toEqual([...ledgerBooks]);
    expect(ledgerTransactionKind.options).toEqual([...ledgerTransactionKinds]);
  });
});
