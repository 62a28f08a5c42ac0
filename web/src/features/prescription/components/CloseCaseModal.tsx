import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CaseOutcome } from '@relance/contracts/case-work';
import type { ClosureProposal } from '@relance/contracts/prescription';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useCloseCase } from '../api/prescription.ts';
import { prescriptionMessages } from '../messages.ts';

const outcomes: readonly CaseOutcome[] = ['irrecoverable', 'partially_paid', 'paid', 'returned_to_creditor'];

/** Closing a fully prescribed case: the outcome and the reason proposed ("Prescription acquise ..."), both editable. */
export function CloseCaseModal({ proposal, onClose }: { proposal: ClosureProposal; onClose: () => void }) {
  const t = useT(prescriptionMessages);
  const close = useCloseCase();
  const [outcome, setOutcome] = useState<CaseOutcome>(proposal.suggestedOutcome);
  const [reason, setReason] = useState(proposal.suggestedReason);
  const tooShort = reason.trim().length < 3;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (tooShort) return;
    close.mutate(
      { caseId: proposal.caseId, outcome, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('closure.closed'), autoClose: 3000 });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('closure.modalTitle', { reference: proposal.reference })} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select
            label={t('closure.outcome')}
            data={outcomes.map((value) => ({ value, label: t(`outcome.${value}`) }))}
            value={outcome}
            onChange={(value) => value && setOutcome(value as CaseOutcome)}
            allowDeselect={false}
            data-testid="closure-outcome"
          />
          <Textarea
            label={t('closure.reason')}
            autosize
            minRows={3}
            maxLength={1000}
            required
            data-autofocus
            value={reason}
            error={tooShort ? t('closure.reasonTooShort') : undefined}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-testid="closure-reason"
          />
          {close.isError && <ErrorState error={close.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="gray" loading={close.isPending} disabled={tooShort} data-testid="closure-submit">
              {t('closure.close')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
