import { Badge, Button, Group, Paper, Stack, Text, TextInput, } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PromiseStatus } from '@relance/contracts/promises';
import { parseHundredths } from '@relance/domain/money';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { AmountDateFields } from '../../../shared/components/AmountDateFields.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { TitleWithHelp } from '../../../shared/components/TitleWithHelp.tsx';
import { isBusinessDate } from '../../../shared/dates.ts';
import { describeGateReason, gateReasonMessages } from '../../../shared/gate-reasons.ts';
import { formatDate, formatMoney, useT } from '../../../shared/i18n.ts';
import { useFieldErrors } from '../../../shared/useFieldErrors.ts';
import { casePromisesOptions, useCreatePromise } from '../api/promises.ts';
import { promisesMessages } from '../messages.ts';

const statusColors: Record<PromiseStatus, string> = { pending: 'blue', kept: 'teal', broken: 'red', superseded: 'gray' };

/** Promesse de paiement: record one, and see the case's promises with their status. */
export function PromiseSection({ caseId, currency, today }: { caseId: string; currency: string; today: string }) {
  const t = useT(promisesMessages);
  const form = usePromiseForm(caseId, today);
  const { mutation, problems, cents } = form;

  return (
    <Paper p="md">
      <form onSubmit={form.submit} noValidate data-testid="promise-form">
        <Stack gap="sm">
          <TitleWithHelp title={t('promise.title')} help={t('promise.help')} />
          <AmountDateFields
            amount={{
              label: t('promise.amount'),
              placeholder: '150,00',
              value: form.amount,
              onChange: form.setAmount,
              error: problems.errors.amount,
              description: cents !== null && cents > 0 && !problems.errors.amount ? formatMoney(cents, currency, t.locale) : undefined,
              testId: 'promise-amount',
            }}
            date={{
              label: t('promise.date'),
              value: form.date,
              min: today,
              onChange: form.setDate,
              error: problems.errors.date,
              testId: 'promise-date',
            }}
          />
          <TextInput
            label={t('promise.note')}
            value={form.note}
            onChange={(event) => form.setNote(event.currentTarget.value)}
            maxLength={2000}
            data-testid="promise-note"
          />
          {mutation.isError && <ErrorState error={mutation.error} />}
          <Button type="submit" loading={mutation.isPending} data-testid="promise-submit" style={{ alignSelf: 'flex-end' }}>
            {t('promise.submit')}
          </Button>
        </Stack>
      </form>
      <PromiseList caseId={caseId} />
    </Paper>
  );
}

/** The promise form's state, its checks (an amount above zero, a business day from today) and the recording. */
function usePromiseForm(caseId: string, today: string) {
  const t = useT(promisesMessages);
  const g = useT(gateReasonMessages);
  const mutation = useCreatePromise(caseId);
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const problems = useFieldErrors<'amount' | 'date'>();
  const cents = parseHundredths(amount, '€');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const next: typeof problems.errors = {};
    if (cents === null || cents <= 0) next.amount = t('promise.amountInvalid');
    if (!isBusinessDate(date) || date < today) next.date = t('promise.dateInvalid');
    problems.setErrors(next);
    if (next.amount || next.date || cents === null) return;
    mutation.mutate(
      { amountCents: cents, dueOn: date, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (promise) => {
          const warnings = promise.warnings ?? [];
          const saved = t('promise.saved', { amount: formatMoney(promise.amountCents, promise.currency, t.locale), date: formatDate(promise.dueOn, t.locale) });
          notifications.show({
            color: warnings.length > 0 ? 'yellow' : 'teal',
            ...(warnings.length > 0 ? { title: t('promise.savedWithWarning') } : {}),
            message: [saved, ...warnings.map((reason) => describeGateReason(g, reason))].join(' · '),
            autoClose: warnings.length > 0 ? 8000 : 3000,
          });
          setAmount('');
          setDate('');
          setNote('');
        },
      },
    );
  }

  return {
    mutation,
    problems,
    cents,
    amount,
    date,
    note,
    setNote,
    submit,
    setAmount(value: string) {
      setAmount(value);
      problems.clear('amount');
    },
    setDate(value: string) {
      setDate(value);
      problems.clear('date');
    },
  };
}

/** The case's promises, newest first, with their status (kept, broken...). */
function PromiseList({ caseId }: { caseId: string }) {
  const t = useT(promisesMessages);
  const list = useQuery(casePromisesOptions(caseId));
  const promises = list.data?.items ?? [];
  return (
    <Stack gap={6} mt="md" data-testid="promise-list">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t('promise.list')}
      </Text>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : promises.length === 0 && !list.isPending ? (
        <Text size="sm" c="dimmed">
          {t('promise.none')}
        </Text>
      ) : (
        promises.map((promise) => (
          <Group key={promise.id} justify="space-between" wrap="nowrap" gap="sm" data-testid="promise-row" data-status={promise.status}>
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {formatMoney(promise.amountCents, promise.currency, t.locale)} {t('promise.dueOn', { date: formatDate(promise.dueOn, t.locale) })}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDate(promise.madeOn, t.locale)}
                {promise.madeByName ? ` · ${t('promise.by', { name: promise.madeByName })}` : ''}
                {promise.note ? ` · ${promise.note}` : ''}
              </Text>
            </Stack>
            <Badge variant="light" color={statusColors[promise.status]} data-testid="promise-status">
              {t.dyn(`promise.status.${promise.status}`, promise.status)}
            </Badge>
          </Group>
        ))
      )}
    </Stack>
  );
}
