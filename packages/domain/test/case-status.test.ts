import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  canTransition,
  caseStatuses,
  caseTransitions,
  ForbiddenTransitionError,
  MissingCaseOutcomeError,
  transitionCase,
} from '../src/case-status.ts';

describe('case status machine', () => {
  it('allows the moves in the table', () => {
    expect(canTransition('new', 'amicable')).toBe(true);
    expect(canTransition('promise', 'amicable')).toBe(true); // broken promise
    expect(canTransition('legal', 'bailiff')).toBe(true);
    expect(() => assertTransition('amicable', 'payment_plan')).not.toThrow();
  });

  it('forbids the others with a typed error naming both states', () => {
    expect(canTransition('new', 'bailiff')).toBe(false);
    expect(canTransition('closed', 'amicable')).toBe(false);
    let caught: unknown;
    try {
      assertTransition('amicable', 'bailiff');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ForbiddenTransitionError);
    expect(caught).toMatchObject({ code: 'forbidden_transition', from: 'amicable', to: 'bailiff' });
    expect((caught as Error).message).toContain('amicable');
    expect((caught as Error).message).toContain('bailiff');
  });

  it('closes only with an outcome', () => {
    expect(transitionCase({ status: 'amicable' }, 'closed', 'paid')).toEqual({ status: 'closed', outcome: 'paid' });
    expect(() => transitionCase({ status: 'amicable' }, 'closed')).toThrow(MissingCaseOutcomeError);
    expect(transitionCase({ status: 'amicable' }, 'legal')).toEqual({ status: 'legal' });
  });

  it('lets every open status close, and nothing leave closed', () => {
    for (const status of caseStatuses) {
      if (status === 'closed') expect(caseTransitions.closed).toEqual([]);
      else expect(canTransition(status, 'closed')).toBe(true);
      expect(canTransition(status, status)).toBe(false);
    }
  });
});
