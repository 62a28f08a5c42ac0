import type { commissaireActs, LegalEventBody, LegalEventKindDto } from '@relance/contracts/legal-actions';
import { parseHundredths } from '@relance/domain/money';

// The "record the next step" form as state: text as typed, turned into the API's body on submit.
// Which detail each event asks: an amount (the order's or judgment's amount granted, the amount
// agreed by the debtor), the act of the commissaire, the hearing date, an optional cost.

export type EventFormState = {
  event: LegalEventKindDto | '';
  date: string;
  amount: string;
  installments: string;
  act: (typeof commissaireActs)[number] | '';
  hearingOn: string;
  cost: string;
  note: string;
};

export const emptyEventForm = (date: string, event: LegalEventKindDto | ''): EventFormState => ({
  event,
  date,
  amount: '',
  installments: '',
  act: '',
  hearingOn: '',
  cost: '',
  note: '',
});

export const asksAmount = (event: string) => event === 'order_rendered' || event === 'judgment' || event === 'debtor_accepted';
/** The agreed amount is required; the order's amount may be left empty (the claimed amount then stands). */
export const requiresAmount = (event: string) => event === 'debtor_accepted';
export const asksAct = (event: string) => event === 'act';
export const asksHearing = (event: string) => event === 'hearing';
export const asksCost = (event: string) => event === 'act' || event === 'served';
export const asksInstallments = (event: string) => event === 'debtor_accepted';

export type EventFormErrors = Partial<Record<'event' | 'date' | 'amount' | 'act' | 'hearingOn' | 'cost' | 'installments', 'required' | 'invalid'>>;

export function eventFormErrors(state: EventFormState): EventFormErrors {
  const errors: EventFormErrors = {};
  if (!state.event) errors.event = 'required';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(state.date)) errors.date = 'required';
  if (asksAmount(state.event)) {
    if (state.amount.trim() === '') {
      if (requiresAmount(state.event)) errors.amount = 'required';
    } else if (!(parseHundredths(state.amount) ?? 0)) errors.amount = 'invalid';
  }
  if (asksAct(state.event) && !state.act) errors.act = 'required';
  if (asksHearing(state.event) && !/^\d{4}-\d{2}-\d{2}$/.test(state.hearingOn)) errors.hearingOn = 'required';
  if (asksCost(state.event) && state.cost.trim() !== '' && !(parseHundredths(state.cost) ?? 0)) errors.cost = 'invalid';
  if (asksInstallments(state.event) && state.installments.trim() !== '') {
    const count = Number(state.installments);
    if (!Number.isInteger(count) || count < 1 || count > 36) errors.installments = 'invalid';
  }
  return errors;
}

/** The body of POST legal-actions/{id}/events (call after eventFormErrors found nothing). */
export function eventBodyOf(state: EventFormState): LegalEventBody {
  const event = state.event as Exclude<LegalEventKindDto, 'lapsed'>;
  const amount = asksAmount(event) && state.amount.trim() ? parseHundredths(state.amount) : null;
  const cost = asksCost(event) && state.cost.trim() ? parseHundredths(state.cost) : null;
  return {
    event,
    date: state.date,
    ...(amount ? { amountCents: amount } : {}),
    ...(asksAct(event) && state.act ? { act: state.act } : {}),
    ...(asksHearing(event) ? { hearingOn: state.hearingOn } : {}),
    ...(asksInstallments(event) && state.installments.trim() ? { installments: Number(state.installments) } : {}),
    ...(cost ? { costCents: cost } : {}),
    ...(state.note.trim() ? { note: state.note.trim() } : {}),
  };
}
