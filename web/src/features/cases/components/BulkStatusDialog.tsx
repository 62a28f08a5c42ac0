import { Alert, Button, Group, List, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import type { BulkStatusResult } from '@relance/contracts/case-work';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { useBulkStatus } from '../api/case-assignment.ts';
import { casesMessages } from '../messages.ts';
import type { CaseSelection } from './CaseAssignment.tsx';
import { type CaseOutcomeChoice, OutcomeSelect, ReasonField } from './StatusFields.tsx';

// Legal and bailiff are reached only through an approved legal action, never in bulk.
const bulkStatuses = ['amicable', 'closed'] as const;

/**
 * The bulk bar's "change status": one status and one reason for the checked cases. The server moves
 * each case through the case screen's rules; the dialog then lists what moved and, by reference,
 * each refused case with the reason in the user's language, so the manager can deal with them.
 */
export function BulkStatusButton({ selection, disabled }: { selection: CaseSelection; disabled: boolean }) {
  const t = useT(casesMessages, staffMessages);
  const [opened, setOpened] = useState(false);
  const mutation = useBulkStatus();
  // The selection is cleared when the dialog closes after a change, not on success: the bar (and
  // this dialog with its list of refused cases) disappears once nothing is selected.
  const close = () => {
    setOpened(false);
    if (mutation.data) selection.clear();
    mutation.reset();
  };
  return (
    <>
      <Button size="sm" variant="light" onClick={() => setOpened(true)} disabled={disabled} data-testid="bulk-status-open">
        {t('cases.bulkStatus.open')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('cases.bulkStatus.title', { count: selection.ids.size })} size="lg">
        {opened && <BulkStatusForm selection={selection} mutation={mutation} onClose={close} />}
      </Modal>
    </>
  );
}

function BulkStatusForm({ selection, mutation, onClose }: { selection: CaseSelection; mutation: ReturnType<typeof useBulkStatus>; onClose: () => void }) {
  const t = useT(casesMessages, staffMessages);
  const [status, setStatus] = useState<(typeof bulkStatuses)[number]>('closed');
  const [outcome, setOutcome] = useState<CaseOutcomeChoice | ''>('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const reasonMissing = reason.trim().length < 3;
  const outcomeMissing = status === 'closed' && !outcome;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (reasonMissing || outcomeMissing) return;
    mutation.mutate({ caseIds: [...selection.ids], status, reason: reason.trim(), ...(status === 'closed' && outcome ? { outcome } : {}) });
  }

  if (mutation.data) return <BulkStatusOutcome result={mutation.data} onClose={onClose} />;
  return (
    <form onSubmit={submit} noValidate data-testid="bulk-status-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.bulkStatus.help')}</Text>
        <NativeSelect
          label={t('caseWork.newStatus')}
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value as (typeof bulkStatuses)[number])}
          data={bulkStatuses.map((value) => ({ value, label: t.dyn(`status.${value}`, value) }))}
          data-testid="bulk-status-select"
        />
        {status === 'closed' && <OutcomeSelect value={outcome} onChange={setOutcome} showError={touched} testId="bulk-status-outcome" />}
        <ReasonField value={reason} onChange={setReason} showError={touched} description={t('cases.bulkStatus.reasonHelp')} testId="bulk-status-reason" />
        {mutation.isError && <ErrorState error={mutation.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={mutation.isPending} data-testid="bulk-status-submit">
            {t('cases.bulkStatus.submit', { count: selection.ids.size })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BulkStatusOutcome({ result, onClose }: { result: BulkStatusResult; onClose: () => void }) {
  const t = useT(casesMessages, staffMessages);
  return (
    <Stack gap="sm" data-testid="bulk-status-result">
      <Alert color={result.refused.length === 0 ? 'teal' : 'yellow'} data-testid="bulk-status-summary">
        {t('cases.bulkStatus.done', { moved: result.moved, unchanged: result.unchanged, refused: result.refused.length })}
      </Alert>
      {result.refused.length > 0 && (
        <>
          <Text size="sm" fw={600}>{t('cases.bulkStatus.refusedTitle')}</Text>
          <List size="sm" spacing={4} data-testid="bulk-status-refused">
            {result.refused.map((entry) => (
              <List.Item key={entry.caseId} data-code={entry.code}>
                <strong>{entry.reference ?? entry.caseId}</strong> — {entry.message}
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose} data-testid="bulk-status-close">{t('cases.bulkStatus.close')}</Button>
      </Group>
    </Stack>
  );
}
