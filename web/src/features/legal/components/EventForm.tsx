import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { commissaireActs, type LegalActionDto, type LegalEventKindDto } from '@relance/contracts/legal-actions';
import { type FormEvent, useState } from 'react';
import { DateField } from '../../../shared/components/DateField.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useRecordLegalEvent } from '../api/legal.ts';
import { legalMessages } from '../messages.ts';
import { asksAct, asksAmount, asksCost, asksHearing, asksInstallments, type EventFormErrors, type EventFormState, emptyEventForm, eventBodyOf, eventFormErrors } from './event-form.ts';

/** Records what happened next: only the events the action allows now, each with the detail it needs. */
export function EventForm({ action, today }: { action: Pick<LegalActionDto, 'id' | 'allowedEvents'>; today: string }) {
  const t = useT(legalMessages);
  const record = useRecordLegalEvent(action.id);
  const first = action.allowedEvents[0] ?? '';
  const [state, setState] = useState<EventFormState>(() => emptyEventForm(today, first));
  const [touched, setTouched] = useState(false);
  // The allowed events change after each step: fall back to the first one allowed.
  const event = action.allowedEvents.includes(state.event as LegalEventKindDto) ? state.event : first;
  const current = { ...state, event };
  const errors = touched ? eventFormErrors(current) : {};
  const set = (patch: Partial<EventFormState>) => setState((previous) => ({ ...previous, ...patch }));
  const errorText = (error: 'required' | 'invalid' | undefined) => (error === 'required' ? t('common.required') : error === 'invalid' ? t('legal.amountInvalid') : undefined);

  if (action.allowedEvents.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="legal-no-event">
        {t('legal.noNextEvent')}
      </Text>
    );
  }

  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    setTouched(true);
    if (Object.keys(eventFormErrors(current)).length > 0) return;
    record.mutate(eventBodyOf(current), {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('legal.eventRecorded') });
        setState(emptyEventForm(current.date, ''));
        setTouched(false);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="legal-event-form">
      <Stack gap="sm">
        <Title order={5}>{t('legal.eventFormTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('legal.eventKind')}
            value={event}
            onChange={(change) => {
              set({ event: change.currentTarget.value as LegalEventKindDto });
              record.reset();
            }}
            data={action.allowedEvents.map((value) => ({ value, label: t.dyn(`legal.event.${value}`, value) }))}
            data-testid="legal-event-kind"
          />
          <DateField label={t('legal.eventDate')} required max={today} value={current.date} onChange={(change) => set({ date: change.currentTarget.value })} error={errorText(errors.date)} data-testid="legal-event-date" />
          <EventDetailFields event={event} state={current} errors={errors} onChange={set} />
        </SimpleGrid>
        <TextInput label={t('legal.eventNote')} maxLength={2000} value={current.note} onChange={(change) => set({ note: change.currentTarget.value })} data-testid="legal-event-note" />
        {record.isError && <ErrorState error={record.error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending} data-testid="legal-event-submit">
            {t('legal.eventSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The detail the chosen event asks: an amount, instalments, the act, the hearing date, a cost. */
function EventDetailFields({
  event,
  state: current,
  errors,
  onChange: set,
}: {
  event: string;
  state: EventFormState;
  errors: EventFormErrors;
  onChange: (patch: Partial<EventFormState>) => void;
}) {
  const t = useT(legalMessages);
  const errorText = (error: 'required' | 'invalid' | undefined) => (error === 'required' ? t('common.required') : error === 'invalid' ? t('legal.amountInvalid') : undefined);
  return (
    <>
      {asksAmount(event) && (
        <TextInput
          label={event === 'debtor_accepted' ? t('legal.eventAgreedAmount') : t('legal.eventAmount')}
          inputMode="decimal"
          autoComplete="off"
          placeholder="1 234,56"
          value={current.amount}
          onChange={(change) => set({ amount: change.currentTarget.value })}
          error={errorText(errors.amount)}
          data-testid="legal-event-amount"
        />
      )}
      {asksInstallments(event) && (
        <TextInput label={t('legal.eventInstallments')} inputMode="numeric" value={current.installments} onChange={(change) => set({ installments: change.currentTarget.value })} error={errorText(errors.installments)} data-testid="legal-event-installments" />
      )}
      {asksAct(event) && (
        <NativeSelect
          label={t('legal.eventAct')}
          required
          value={current.act}
          onChange={(change) => set({ act: change.currentTarget.value as EventFormState['act'] })}
          data={[{ value: '', label: '—', disabled: true }, ...commissaireActs.map((value) => ({ value, label: t(`legal.act.${value}`) }))]}
          error={errorText(errors.act)}
          data-testid="legal-event-act"
        />
      )}
      {asksHearing(event) && (
        <DateField label={t('legal.eventHearing')} required value={current.hearingOn} onChange={(change) => set({ hearingOn: change.currentTarget.value })} error={errorText(errors.hearingOn)} data-testid="legal-event-hearing" />
      )}
      {asksCost(event) && (
        <TextInput label={t('legal.eventCost')} inputMode="decimal" autoComplete="off" value={current.cost} onChange={(change) => set({ cost: change.currentTarget.value })} error={errorText(errors.cost)} data-testid="legal-event-cost" />
      )}
    </>
  );
}
