import { claimNature } from '@relance/contracts/common';
import { errorMessages } from '@relance/contracts/errors';
import { claimNatures } from '@relance/domain/claim-nature';
import { gateReasonCodes } from '@relance/domain/legal-gate';
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
});
