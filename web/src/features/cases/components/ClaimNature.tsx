import { Badge, Button, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Claim } from '@relance/contracts/cases';
import type { ClaimNature } from '@relance/domain/claim-nature';
import { type FormEvent, useState } from 'react';
import { useNatureLabels } from '../../../shared/claim-nature.ts';
import { SubmitRow } from '../../../shared/components/SubmitRow.tsx';
import { formatDate, useT } from '../../../shared/i18n.ts';
import { useChangeClaimNature } from '../api/cases.ts';
import { casesMessages } from '../messages.ts';

/** A claim's nature (its prescription regime in the tooltip), where it came from when not stated, and for staff the way to correct it. */
export function ClaimNatureCell({ caseId, claim, canEdit }: { caseId: string; claim: Claim; canEdit: boolean }) {
  const t = useT(casesMessages);
  const natures = useNatureLabels();
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap={0} align="flex-start">
      <Text size="sm" title={natures.regime(claim.nature)} data-testid="claim-nature" data-nature={claim.nature}>
        {natures.label(claim.nature)}
      </Text>
      {claim.natureSource !== 'given' && (
        <Text size="xs" c="dimmed" data-testid="claim-nature-source">
          {t.dyn(`case.natureSource.${claim.natureSource}`, claim.natureSource)}
        </Text>
      )}
      {canEdit && (
        <Button
          size="compact-xs"
          variant="subtle"
          px={0}
          onClick={() => setEditing(true)}
          aria-label={t('case.natureEditLabel', { ref: claim.invoiceRef })}
          data-testid="claim-nature-edit"
        >
          {t('case.natureEdit')}
        </Button>
      )}
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('case.natureDialogTitle', { ref: claim.invoiceRef })} size="lg">
        {editing && <ClaimNatureForm caseId={caseId} claim={claim} onDone={() => setEditing(false)} />}
      </Modal>
    </Stack>
  );
}

function ClaimNatureForm({ caseId, claim, onDone }: { caseId: string; claim: Claim; onDone: () => void }) {
  const t = useT(casesMessages);
  const natures = useNatureLabels();
  const [nature, setNature] = useState<ClaimNature>(claim.nature);
  const mutation = useChangeClaimNature(caseId);

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate(
      { claimId: claim.id, nature },
      {
        onSuccess: (saved) => {
          const date = formatDate(saved.prescriptionDate, t.locale);
          notifications.show({ color: 'teal', message: t(saved.prescribed ? 'case.natureSavedPrescribed' : 'case.natureSaved', { date }) });
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="claim-nature-form">
      <Stack gap="sm">
        <NativeSelect
          label={t('case.nature')}
          value={nature}
          onChange={(event) => setNature(event.currentTarget.value as ClaimNature)}
          data={natures.options}
          data-autofocus
          data-testid="claim-nature-select"
        />
        <Text size="sm" c="dimmed">
          {t('case.natureDialogHelp')}
        </Text>
        <SubmitRow mutation={mutation} label={t('common.save')} testId="claim-nature-save" onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** The last day the claim can be pursued, and "prescrite" once past (never demanded). */
/** `soon`: the claim prescribes within the warning horizon (90 days): say it, someone must act. */
export function ClaimPrescriptionCell({ claim, soon = false }: { claim: Claim; soon?: boolean }) {
  const t = useT(casesMessages);
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" title={t('case.prescriptionDateHelp')} data-testid="claim-prescription-date">
        {formatDate(claim.prescriptionDate, t.locale)}
      </Text>
      {claim.prescribed && (
        <Badge size="xs" color="red" variant="light" title={claim.prescribedAtIntake ? t('case.prescribedAtIntake') : undefined} data-testid="claim-prescribed">
          {t('case.prescribedBadge')}
        </Badge>
      )}
      {soon && !claim.prescribed && (
        <Badge size="xs" color="orange" variant="light" data-testid="claim-prescription-soon">
          {t('case.claimPrescribesOn', { date: formatDate(claim.prescriptionDate, t.locale) })}
        </Badge>
      )}
    </Stack>
  );
}
