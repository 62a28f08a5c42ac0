import { legalActionStages, legalEventKinds } from '@relance/contracts/legal-actions';
import { webhookEventTypes } from '@relance/contracts/webhooks';
import { describe, expect, it } from 'vitest';
import { emptyEventForm, eventBodyOf, eventFormErrors } from '../../src/features/legal/components/event-form.ts';
import { byNearestDeadline, deadlineStates, groupOf, serverToday, urgencyOf } from '../../src/features/legal/legal-view.ts';
import { legalMessages } from '../../src/features/legal/messages.ts';
import { webhooksMessages } from '../../src/features/webhooks/messages.ts';

// The legal screens' pure parts (issue 16): deadline urgency and states, board groups and order,
// the event form's body, and a label for every stage, event and webhook type.

describe('legal screens: view logic', () => {
  it('colours days left red under 7 days, orange under 30', () => {
    expect([-3, 0, 6, 7, 29, 30, 200].map(urgencyOf)).toEqual(['red', 'red', 'red', 'orange', 'orange', 'gray', 'gray']);
  });

  it('groups stages as the board shows them', () => {
    expect(groupOf('proposed')).toBe('approval');
    expect(groupOf('ready')).toBe('ready');
    expect(['filed', 'order_rendered', 'served', 'opposed', 'handed_over', 'invitation_sent', 'enforcement'].map((stage) => groupOf(stage as never))).toEqual(Array(7).fill('inProgress'));
    expect(['refused', 'rejected', 'lapsed', 'title_obtained', 'completed', 'withdrawn'].map((stage) => groupOf(stage as never))).toEqual(Array(6).fill('closed'));
  });

  it('orders the board by the nearest deadline, actions without one last', () => {
    const row = (id: string, date: string | null) => ({ id, nextDeadline: date ? { name: 'service', date, daysLeft: 1 } : null, updatedAt: '2027-01-01T00:00:00Z' }) as never;
    expect([row('none', null), row('late', '2027-07-15'), row('soon', '2027-03-10')].sort(byNearestDeadline).map((item: { id: string }) => item.id)).toEqual(['soon', 'late', 'none']);
  });

  it('says which deadline runs (days left by the server), which was met, which lapsed', () => {
    const served = {
      stage: 'served' as const,
      deadlines: { service: '2027-07-15', opposition: '2027-03-10' },
      nextDeadline: { name: 'opposition', date: '2027-03-10', daysLeft: 16 },
      dates: { servedOn: '2027-02-10' } as never,
    };
    expect(serverToday(served, '2026-12-07')).toBe('2027-02-22');
    expect(deadlineStates(served, '2027-02-22')).toEqual([
      { name: 'service', date: '2027-07-15', state: 'met', daysLeft: 143 },
      { name: 'opposition', date: '2027-03-10', state: 'running', daysLeft: 16 },
    ]);
    const lapsed = { stage: 'lapsed' as const, deadlines: { service: '2027-07-15' }, nextDeadline: null, dates: { servedOn: null } as never };
    expect(deadlineStates(lapsed, '2027-08-01')[0]).toMatchObject({ name: 'service', state: 'lapsed' });
  });

  it('builds the event body with the detail each event needs, in cents', () => {
    const order = { ...emptyEventForm('2027-01-15', 'order_rendered'), amount: '2 000,00' };
    expect(eventFormErrors(order)).toEqual({});
    expect(eventBodyOf(order)).toEqual({ event: 'order_rendered', date: '2027-01-15', amountCents: 200_000 });
    expect(eventFormErrors(emptyEventForm('2027-01-15', 'act'))).toEqual({ act: 'required' });
    expect(eventFormErrors(emptyEventForm('2027-01-15', 'hearing'))).toEqual({ hearingOn: 'required' });
    expect(eventFormErrors(emptyEventForm('2027-01-15', 'debtor_accepted'))).toEqual({ amount: 'required' });
    const act = { ...emptyEventForm('2027-02-01', 'act'), act: 'saisie_attribution' as const, cost: '120,50', amount: '99' };
    expect(eventBodyOf(act)).toEqual({ event: 'act', date: '2027-02-01', act: 'saisie_attribution', costCents: 12_050 });
  });

  it('has a French and English label for every stage, event and webhook type', () => {
    const legal = legalMessages as Record<string, { fr: string; en: string }>;
    for (const stage of legalActionStages) expect(legal[`legal.stage.${stage}`]?.en, stage).toBeTruthy();
    for (const event of legalEventKinds) expect(legal[`legal.event.${event}`]?.fr, event).toBeTruthy();
    const webhooks = webhooksMessages as Record<string, { fr: string; en: string }>;
    for (const type of webhookEventTypes) expect(webhooks[`webhooks.event.${type}`]?.fr, type).toBeTruthy();
  });
});
