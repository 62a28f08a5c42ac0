import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Creditor } from '@relance/contracts/creditors';
import { useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { formatDate, formatDateTime, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { useRevokeMandate, useUpdateCreditor } from '../api/creditors.ts';
import { creditorsMessages } from '../messages.ts';

/**
 * The mandate as the legal gate reads it (R124-3): in force, or why every contact with this
 * creditor's debtors is suspended; whether it covers judicial steps; and, for managers, recording
 * the creditor's revocation with its reason.
 */
export function MandateStanding({ creditor }: { creditor: Creditor }) {
  const t = useT(creditorsMessages);
  const user = useUser();
  const canEdit = user.role === 'admin' || user.role === 'manager';
  const { mandate } = creditor;
  const update = useUpdateCreditor(creditor.id);
  return (
    <Paper p="md" data-testid="mandate-standing" data-state={mandate.state}>
      <Stack gap="sm">
        <Title order={4}>{t('creditors.mandateStanding')}</Title>
        {mandate.state !== 'in_force' && (
          <Alert color="red" variant="filled" title={t('creditors.mandateSuspendedTitle')} data-testid="creditor-mandate-alert">
            <Text size="sm">
              {mandate.state === 'revoked' && mandate.revokedAt
                ? t('creditors.mandateRevokedText', { date: formatDateTime(mandate.revokedAt, t.locale), reason: mandate.revokedReason ?? '' })
                : mandate.state === 'expired' && mandate.validUntil
                  ? t('creditors.mandateExpiredText', { date: formatDate(mandate.validUntil, t.locale) })
                  : t('creditors.mandateNotStartedText', { date: formatDate(mandate.signedOn, t.locale) })}
            </Text>
          </Alert>
        )}
        <Switch
          label={t('creditors.mandateCoversJudicial')}
          description={t('creditors.mandateCoversJudicialHelp')}
          checked={mandate.coversJudicial}
          disabled={!canEdit || update.isPending}
          onChange={(event) => update.mutate({ mandate: { coversJudicial: event.currentTarget.checked } })}
          data-testid="mandate-covers-judicial"
        />
        {mandate.coversJudicial && <LegalPreapproval creditor={creditor} canEdit={canEdit} />}
        {update.isError && <ErrorState error={update.error} />}
        {canEdit && mandate.state !== 'revoked' && <RevokeMandate creditor={creditor} />}
      </Stack>
    </Paper>
  );
}

/**
 * The amount under which the mandate approves a legal action for the creditor (issue 16): the
 * creditor bears the costs (L111-8), so by default they approve each one; a mandate may say
 * "below N €, go ahead". Empty: every action waits for the creditor.
 */
function LegalPreapproval({ creditor, canEdit }: { creditor: Creditor; canEdit: boolean }) {
  const t = useT(creditorsMessages);
  const update = useUpdateCreditor(creditor.id);
  const saved = creditor.mandate.legalPreapprovedBelowCents;
  const [euros, setEuros] = useState<string | number>(saved === null ? '' : saved / 100);
  const cents = euros === '' ? null : Math.round(Number(euros) * 100);
  return (
    <Group align="flex-end" gap="xs">
      <NumberInput
        label={t('creditors.legalPreapproval')}
        description={t('creditors.legalPreapprovalHelp')}
        value={euros}
        onChange={setEuros}
        min={0}
        decimalScale={2}
        suffix=" €"
        disabled={!canEdit}
        w={320}
        data-testid="mandate-legal-preapproval"
      />
      {canEdit && cents !== saved && (
        <Button size="xs" loading={update.isPending} onClick={() => update.mutate({ mandate: { legalPreapprovedBelowCents: cents } })}>
          {t('creditors.legalPreapprovalSave')}
        </Button>
      )}
    </Group>
  );
}

/** A manager records that the creditor ended the mandate, with the reason (audit trail; managers are notified). */
function RevokeMandate({ creditor }: { creditor: Creditor }) {
  const t = useT(creditorsMessages);
  const revoke = useRevokeMandate(creditor.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <Button size="xs" color="red" variant="light" style={{ alignSelf: 'flex-start' }} onClick={() => setOpen(true)} data-testid="mandate-revoke-open">
        {t('creditors.mandateRevoke')}
      </Button>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm">{t('creditors.mandateRevokeWarning')}</Text>
      <Textarea
        required
        autosize
        minRows={2}
        label={t('creditors.mandateRevokeReason')}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        data-testid="mandate-revoke-reason"
      />
      {revoke.isError && <ErrorState error={revoke.error} />}
      <Group gap="xs">
        <Button
          size="xs"
          color="red"
          disabled={reason.trim().length < 5}
          loading={revoke.isPending}
          onClick={() =>
            revoke.mutate(reason.trim(), {
              onSuccess: () => {
                setOpen(false);
                notifications.show({ color: 'red', message: t('creditors.mandateRevoked') });
              },
            })
          }
          data-testid="mandate-revoke-confirm"
        >
          {t('creditors.mandateRevokeConfirm')}
        </Button>
        <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
