import { Alert, Anchor, Button, Checkbox, Group, Modal, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CaseDetail } from '@relance/contracts/cases';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { AmountDateFields } from '../../../shared/components/AmountDateFields.tsx';
import { SubmitRow } from '../../../shared/components/SubmitRow.tsx';
import { formatMoney, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { useRecallCase } from '../api/cases.ts';
import { casesMessages } from '../messages.ts';
import { useDirectPaymentForm } from './useDirectPaymentForm.ts';

/**
 * What a creditor's user does from the case screen: recall the case, declare a payment received
 * directly, reach its remittance statements and commission invoices. A viewer is told it reads only
 * (the API refuses its writes anyway: plugins/creditor-roles.ts).
 */
export function CreditorCaseActions({ detail, today }: { detail: CaseDetail; today: string }) {
  const t = useT(casesMessages);
  const user = useUser();
  const [open, setOpen] = useState<'recall' | 'payment' | null>(null);
  const viewer = user.creditorRole === 'viewer';
  const closed = detail.status === 'closed';
  return (
    <Paper p="md" data-testid="creditor-actions">
      <Stack gap="sm">
        <Title order={4}>{t('creditorActions.title')}</Title>
        {viewer ? (
          <Text size="sm" c="dimmed">
            {t('creditorActions.viewerOnly')}
          </Text>
        ) : closed ? (
          <Text size="sm" c="dimmed">
            {t('creditorActions.closed')}
          </Text>
        ) : (
          <Group gap="sm">
            <Button variant="light" onClick={() => setOpen('payment')} data-testid="direct-payment-open">
              {t('directPayment.open')}
            </Button>
            <Button variant="light" color="red" onClick={() => setOpen('recall')} data-testid="recall-open">
              {t('recall.open')}
            </Button>
          </Group>
        )}
        <Anchor component={Link} to="/remittances" size="sm" data-testid="case-remittances-link">
          {t('creditorActions.remittances')}
        </Anchor>
      </Stack>
      <Modal opened={open === 'recall'} onClose={() => setOpen(null)} title={t('recall.title')}>
        <RecallForm caseId={detail.id} onDone={() => setOpen(null)} />
      </Modal>
      <Modal opened={open === 'payment'} onClose={() => setOpen(null)} title={t('directPayment.title')}>
        <DirectPaymentForm detail={detail} today={today} onDone={() => setOpen(null)} />
      </Modal>
    </Paper>
  );
}

function RecallForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const t = useT(casesMessages);
  const mutation = useRecallCase(caseId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    if (!reason.trim()) {
      setError(t('recall.reasonRequired'));
      return;
    }
    mutation.mutate(
      { reason: reason.trim(), idempotencyKey },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('recall.done') });
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="recall-form">
      <Stack gap="sm">
        <Alert color="orange" variant="light">
          {t('recall.warning')}
        </Alert>
        <Textarea
          label={t('recall.reason')}
          placeholder={t('recall.reasonPlaceholder')}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          maxLength={500}
          autosize
          minRows={2}
          required
          data-autofocus
          data-testid="recall-reason"
        />
        <SubmitRow mutation={mutation} label={t('recall.confirm')} testId="recall-submit" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function DirectPaymentForm({ detail, today, onDone }: { detail: CaseDetail; today: string; onDone: () => void }) {
  const t = useT(casesMessages);
  const form = useDirectPaymentForm(detail.id, today, onDone);
  const { problems, cents, aboveBalance } = form;
  const balanceDueCents = (aboveBalance?.details as { balanceDueCents?: number } | undefined)?.balanceDueCents;
  const money = (value: number) => formatMoney(value, detail.currency, t.locale);
  return (
    <form onSubmit={form.submit} noValidate data-testid="direct-payment-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('directPayment.help')}
        </Text>
        <AmountDateFields
          amount={{
            label: t('payment.amount'),
            placeholder: t('payment.amountPlaceholder'),
            value: form.amount,
            onChange: form.setAmount,
            error: problems.errors.amount,
            description: cents !== null && cents > 0 && !problems.errors.amount ? t('payment.amountPreview', { amount: money(cents) }) : undefined,
            testId: 'direct-payment-amount',
          }}
          date={{ label: t('payment.date'), value: form.shownDate, max: today, onChange: form.setDate, error: problems.errors.date, testId: 'direct-payment-date' }}
        />
        <NativeSelect
          label={t('payment.claim')}
          description={t('payment.claimHelp')}
          value={form.claimRef}
          onChange={(event) => form.setClaimRef(event.currentTarget.value)}
          data={[{ value: '', label: t('payment.claimNone') }, ...detail.claims.map((claim) => ({ value: claim.invoiceRef, label: claim.invoiceRef }))]}
          data-testid="direct-payment-claim"
        />
        {(aboveBalance || form.overpayment) && (
          <Checkbox
            label={balanceDueCents === undefined ? t('payment.overpayment') : t('directPayment.confirmAbove', { balance: money(balanceDueCents) })}
            checked={form.overpayment}
            onChange={(event) => form.setOverpayment(event.currentTarget.checked)}
            data-testid="direct-payment-overpayment"
          />
        )}
        <SubmitRow
          mutation={aboveBalance && form.overpayment ? { ...form.mutation, isError: false } : form.mutation}
          label={t('directPayment.submit')}
          testId="direct-payment-submit"
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
