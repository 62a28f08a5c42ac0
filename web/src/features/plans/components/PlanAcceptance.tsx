import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PaymentPlan } from '@relance/contracts/plans';
import { useState } from 'react';
import { DateField } from '../../../shared/components/DateField.tsx';
import { ErrorState } from '../../../shared/components/states.tsx';
import { isBusinessDate, todayInParis } from '../../../shared/dates.ts';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { useAcceptOrally, useRecordWrittenAcceptance } from '../api/plans.ts';
import { plansMessages } from '../messages.ts';
import { RequiredCommentInput, useRequiredComment } from './RequiredComment.tsx';

// A plan's acceptance and prescription (C. civ. 2240): only the debtor's own acceptance, on their
// page or in writing, acknowledges the debt and interrupts prescription; an oral acceptance an
// agent notes activates the plan and says that a written one is still needed.

/** What a plan's acceptance did for prescription, and the forms that record an acceptance. */
export function PlanAcceptance({ plan, caseId }: { plan: PaymentPlan; caseId: string }) {
  const t = useT(plansMessages);
  const accepted = plan.acceptedVia !== null;
  return (
    <Stack gap={6} data-testid="plan-acceptance">
      {plan.writtenAcceptance && (
        <Text size="sm" c="dimmed" data-testid="plan-written-acceptance">
          {t('plan.writtenReceived', { date: formatDate(plan.writtenAcceptance.receivedOn, t.locale) })}
          {plan.writtenAcceptance.note ? ` · ${plan.writtenAcceptance.note}` : ''}
        </Text>
      )}
      {plan.electronicAcceptance && <ElectronicAcceptance proof={plan.electronicAcceptance} />}
      {accepted && plan.acknowledged && (
        <Badge color="teal" variant="light" style={{ textTransform: 'none' }} data-testid="plan-acknowledged">
          {t('plan.acknowledged')}
        </Badge>
      )}
      {accepted && !plan.acknowledged && (
        <Text size="sm" c="orange.9" data-testid="plan-oral-only">
          {t('plan.oralOnly')}
        </Text>
      )}
      {plan.status === 'agreed_pending_acceptance' && <AcceptOrally plan={plan} caseId={caseId} />}
      {['agreed_pending_acceptance', 'active', 'completed', 'broken'].includes(plan.status) && !plan.writtenAcceptance && (
        <WrittenAcceptanceForm plan={plan} caseId={caseId} />
      )}
    </Stack>
  );
}

/** The proof of the debtor's acceptance on their page (C. civ. 1366): when, from where, the exact terms and their SHA-256. */
function ElectronicAcceptance({ proof }: { proof: NonNullable<PaymentPlan['electronicAcceptance']> }) {
  const t = useT(plansMessages);
  const commitment = typeof proof.terms.commitment === 'string' ? proof.terms.commitment : null;
  return (
    <Stack gap={2} data-testid="plan-electronic-acceptance">
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {t('plan.electronicAcceptance', { date: formatDateTime(proof.acceptedAt, t.locale), ip: proof.ip ?? '—', digest: proof.termsSha256 })}
      </Text>
      {commitment && (
        <details>
          <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>{t('plan.electronicTerms')}</summary>
          <Text size="sm" mt={4}>
            {commitment}
          </Text>
        </details>
      )}
    </Stack>
  );
}

/** The debtor agreed on the phone: the agent records it with a note saying how. */
function AcceptOrally({ plan, caseId }: { plan: PaymentPlan; caseId: string }) {
  const t = useT(plansMessages);
  const accept = useAcceptOrally(caseId);
  const note = useRequiredComment();
  return (
    <>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <RequiredCommentInput
          comment={note}
          label={t('plan.acceptNote')}
          requiredMessage={t('plan.acceptNoteRequired')}
          style={{ flex: 1 }}
          testId="plan-accept-note"
        />
        <Button
          variant="light"
          loading={accept.isPending}
          onClick={() => {
            const text = note.take();
            if (text === null) return;
            accept.mutate(
              { planId: plan.id, note: text },
              { onSuccess: () => notifications.show({ color: 'teal', message: t('plan.accepted'), autoClose: 5000 }) },
            );
          }}
          data-testid="plan-accept-orally"
        >
          {t('plan.acceptOrally')}
        </Button>
      </Group>
      {accept.isError && <ErrorState error={accept.error} />}
    </>
  );
}

/** The debtor's written acceptance arrived (signed letter, e-mail): the day it was received and what it is. */
function WrittenAcceptanceForm({ plan, caseId }: { plan: PaymentPlan; caseId: string }) {
  const t = useT(plansMessages);
  const record = useRecordWrittenAcceptance(caseId);
  const note = useRequiredComment();
  const today = todayInParis();
  const [receivedOn, setReceivedOn] = useState(today);
  const [dateInvalid, setDateInvalid] = useState(false);
  function submit() {
    const text = note.take();
    const badDate = !isBusinessDate(receivedOn) || receivedOn > today;
    setDateInvalid(badDate);
    if (text === null || badDate) return;
    record.mutate(
      { planId: plan.id, receivedOn, note: text },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('plan.writtenRecorded'), autoClose: 4000 }) },
    );
  }
  return (
    <>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <DateField
          label={t('plan.writtenOn')}
          value={receivedOn}
          max={today}
          onChange={(event) => {
            setReceivedOn(event.currentTarget.value);
            setDateInvalid(false);
          }}
          error={dateInvalid ? t('plan.writtenDateInvalid') : undefined}
          w={160}
          data-testid="plan-written-date"
        />
        <RequiredCommentInput
          comment={note}
          label={t('plan.writtenNote')}
          requiredMessage={t('plan.writtenNoteRequired')}
          style={{ flex: 1 }}
          testId="plan-written-note"
        />
        <Button variant="light" loading={record.isPending} onClick={submit} data-testid="plan-record-written">
          {t('plan.recordWritten')}
        </Button>
      </Group>
      {record.isError && <ErrorState error={record.error} />}
    </>
  );
}
