import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeDeadline,
  allowedLegalEvents,
  closedLegalStages,
  deadlineAlertsDue,
  isClosedLegalStage,
  type LegalActionKind,
  type LegalActionStage,
  type LegalEventKind,
  legalActionKinds,
  legalActionStages,
  legalDeadlines,
  legalEventKinds,
  monthsDeadline,
  nextLegalStage,
  orderLapsed,
  procedureDeadline,
} from '../src/legal-procedure.ts';

// The judicial phase's deadlines and stage table (issue 16), each rule with its article.

describe('deadlines', () => {
  it('CPC 1411: an injonction de payer is served within six months of its date', () => {
    expect(legalDeadlines('injonction_de_payer', { orderOn: '2027-01-15' }).service).toBe('2027-07-15');
  });

  it('CPC 1416: the debtor opposes within one month of service', () => {
    expect(legalDeadlines('injonction_de_payer', { orderOn: '2027-01-15', servedOn: '2027-02-10' })).toEqual({ service: '2027-07-15', opposition: '2027-03-10' });
  });

  it('CPC 641: a month delay ends on the month’s last day when it has no such day (leap year included)', () => {
    // 31 August 2027 + 6 months: 29 February 2028 (a Tuesday, leap year).
    expect(legalDeadlines('injonction_de_payer', { orderOn: '2027-08-31' }).service).toBe('2028-02-29');
    // 31 January 2027 + 1 month: 28 February 2027, a Sunday, runs to Monday 1 March (CPC 642).
    expect(legalDeadlines('injonction_de_payer', { orderOn: '2027-01-01', servedOn: '2027-01-31' }).opposition).toBe('2027-03-01');
  });

  it('CPC 642: a delay ending on a Saturday, Sunday or public holiday runs to the next working day', () => {
    expect(procedureDeadline('2027-03-10')).toBe('2027-03-10'); // a Wednesday
    expect(procedureDeadline('2027-02-27')).toBe('2027-03-01'); // Saturday
    expect(procedureDeadline('2027-02-28')).toBe('2027-03-01'); // Sunday
    expect(procedureDeadline('2027-05-01')).toBe('2027-05-03'); // Fête du Travail, a Saturday
    expect(procedureDeadline('2027-07-14')).toBe('2027-07-15'); // Fête nationale, a Wednesday
    expect(procedureDeadline('2027-12-25')).toBe('2027-12-27'); // Noël, a Saturday
    expect(procedureDeadline('2028-05-08')).toBe('2028-05-09'); // Victoire 1945, a Monday
    // An order of 1 November 2026 (Toussaint is when the delay starts, not ends): 1 May 2027 → Monday 3 May.
    expect(monthsDeadline('2026-11-01', 6)).toBe('2027-05-03');
    // Served 14 June 2027: the month ends on 14 July 2027 (Fête nationale) → 15 July.
    expect(legalDeadlines('injonction_de_payer', { orderOn: '2027-06-01', servedOn: '2027-06-14' }).opposition).toBe('2027-07-15');
    // Served 25 November 2027: 25 December 2027 (a Saturday, Noël) → Monday 27 December.
    expect(legalDeadlines('injonction_de_payer', { orderOn: '2027-11-01', servedOn: '2027-11-25' }).opposition).toBe('2027-12-27');
  });

  it('CPCE R125-5: the petites créances invitation is answered within one month of its sending', () => {
    expect(legalDeadlines('petites_creances', { invitationSentOn: '2027-03-15' }).answer).toBe('2027-04-15');
    // 31 March + 1 month: 30 April 2027 (a Friday).
    expect(legalDeadlines('petites_creances', { invitationSentOn: '2027-03-31' }).answer).toBe('2027-04-30');
    // The answer month belongs to petites créances only.
    expect(legalDeadlines('injonction_de_payer', { invitationSentOn: '2027-03-15' }).answer).toBeUndefined();
    expect(legalDeadlines('petites_creances', { orderOn: '2027-03-15', servedOn: '2027-03-20' })).toEqual({});
  });

  it('CPCE L111-4: a title is enforced within ten years (a prescription, not a procedural delay)', () => {
    expect(legalDeadlines('injonction_de_payer', { titleOn: '2027-03-11' }).enforcement).toBe('2037-03-11');
    expect(legalDeadlines('commissaire_enforcement', { titleOn: '2024-02-29' }).enforcement).toBe('2034-02-28');
  });

  it('the active deadline is the one of the stage: service, opposition, answer', () => {
    const ip = legalDeadlines('injonction_de_payer', { orderOn: '2027-01-15', servedOn: '2027-02-10' });
    expect(activeDeadline('injonction_de_payer', 'order_rendered', ip)).toEqual({ name: 'service', date: '2027-07-15' });
    expect(activeDeadline('injonction_de_payer', 'served', ip)).toEqual({ name: 'opposition', date: '2027-03-10' });
    expect(activeDeadline('injonction_de_payer', 'title_obtained', ip)).toBeNull();
    const pc = legalDeadlines('petites_creances', { invitationSentOn: '2027-03-15' });
    expect(activeDeadline('petites_creances', 'invitation_sent', pc)).toEqual({ name: 'answer', date: '2027-04-15' });
  });
});

describe('orderLapsed (CPC 1411)', () => {
  const deadlines = legalDeadlines('injonction_de_payer', { orderOn: '2027-01-15' });
  it('lapses the day after the service deadline, not on it', () => {
    expect(orderLapsed('order_rendered', deadlines, '2027-07-15')).toBe(false);
    expect(orderLapsed('order_rendered', deadlines, '2027-07-16')).toBe(true);
  });
  it('an order served, or an action at another stage, never lapses', () => {
    expect(orderLapsed('served', deadlines, '2027-12-31')).toBe(false);
    expect(orderLapsed('filed', {}, '2030-01-01')).toBe(false);
  });
});

describe('deadlineAlertsDue', () => {
  it('30 days before, then 7 days before, and nothing once the deadline passed', () => {
    expect(deadlineAlertsDue('2027-07-15', '2027-06-14')).toEqual([]);
    expect(deadlineAlertsDue('2027-07-15', '2027-06-15')).toEqual([30]);
    expect(deadlineAlertsDue('2027-07-15', '2027-07-07')).toEqual([30]);
    expect(deadlineAlertsDue('2027-07-15', '2027-07-08')).toEqual([30, 7]);
    expect(deadlineAlertsDue('2027-07-15', '2027-07-15')).toEqual([30, 7]);
    expect(deadlineAlertsDue('2027-07-15', '2027-07-16')).toEqual([]);
  });
});

/** The table as the issue lists it: every event allowed at each stage and where it leads. */
const expected: Record<LegalActionKind, Partial<Record<LegalActionStage, Partial<Record<LegalEventKind, LegalActionStage>>>>> = {
  injonction_de_payer: {
    ready: { filed: 'filed' },
    filed: { order_rendered: 'order_rendered', order_rejected: 'rejected' },
    order_rendered: { served: 'served', lapsed: 'lapsed' },
    served: { opposed: 'opposed', final: 'title_obtained' },
    opposed: { hearing: 'opposed', judgment: 'title_obtained' },
  },
  petites_creances: {
    ready: { handed_over: 'handed_over' },
    handed_over: { invitation_sent: 'invitation_sent' },
    invitation_sent: { debtor_accepted: 'invitation_sent', debtor_refused: 'debtor_declined', debtor_silent: 'debtor_declined', title_delivered: 'title_obtained' },
  },
  commissaire_enforcement: {
    ready: { handed_over: 'enforcement' },
    enforcement: { act: 'enforcement', completed: 'completed' },
  },
};

describe('the stage table', () => {
  it('allows each event only where listed; withdrawn from any open stage; closed stages accept nothing', () => {
    for (const kind of legalActionKinds) {
      for (const stage of legalActionStages) {
        for (const event of legalEventKinds) {
          const want = event === 'withdrawn' ? (isClosedLegalStage(stage) ? null : 'withdrawn') : (expected[kind][stage]?.[event] ?? null);
          expect(nextLegalStage(kind, stage, event), `${kind} ${stage} ${event}`).toBe(want);
          if (isClosedLegalStage(stage)) expect(nextLegalStage(kind, stage, event)).toBeNull();
        }
      }
    }
  });

  it('the screens offer the allowed events, never `lapsed` (the daily check’s) nor anything on a closed stage', () => {
    expect(allowedLegalEvents('injonction_de_payer', 'order_rendered')).toEqual(['served', 'withdrawn']);
    expect(allowedLegalEvents('injonction_de_payer', 'proposed')).toEqual([]);
    expect(allowedLegalEvents('petites_creances', 'invitation_sent')).toEqual(['debtor_accepted', 'debtor_refused', 'debtor_silent', 'title_delivered', 'withdrawn']);
    for (const kind of legalActionKinds) for (const stage of closedLegalStages) expect(allowedLegalEvents(kind, stage)).toEqual([]);
    // Every event offered is one the table accepts.
    for (const kind of legalActionKinds) {
      for (const stage of legalActionStages) for (const event of allowedLegalEvents(kind, stage)) expect(nextLegalStage(kind, stage, event)).not.toBeNull();
    }
  });

  it('property: a random sequence of events never leaves a closed stage', () => {
    fc.assert(
      fc.property(fc.constantFrom(...legalActionKinds), fc.array(fc.constantFrom(...legalEventKinds), { maxLength: 30 }), (kind, events) => {
        let stage: LegalActionStage = 'ready';
        let closed = false;
        for (const event of events) {
          const next = nextLegalStage(kind, stage, event);
          if (closed) expect(next).toBeNull();
          if (next === null) continue;
          stage = next;
          closed = isClosedLegalStage(stage);
        }
      }),
    );
  });
});
