import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { type QueueOutcome, queueOutcome } from '@relance/contracts/queue';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { queueMessages } from '../messages.ts';

/**
 * "Terminé, dossier suivant" with nothing logged since the case was taken: the agent says what
 * happened (an unanswered attempt is logged as a call by the server). Arrow keys move through the
 * choices, Enter saves, Escape goes back to the case.
 */
export function OutcomeDialog({
  opened,
  pending,
  error,
  onClose,
  onChoose,
}: {
  opened: boolean;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onChoose: (outcome: QueueOutcome) => void;
}) {
  const t = useT(queueMessages);
  const [outcome, setOutcome] = useState<QueueOutcome | ''>('');
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!outcome) {
      setMissing(true);
      return;
    }
    onChoose(outcome);
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('queue.outcomeTitle')} data-testid="queue-outcome-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('queue.outcomeHelp')}
          </Text>
          <Radio.Group
            value={outcome}
            onChange={(value) => {
              setOutcome(value as QueueOutcome);
              setMissing(false);
            }}
            error={missing ? t('queue.outcomeRequired') : null}
            data-testid="queue-outcome"
          >
            <Stack gap={8}>
              {queueOutcome.options.map((value, index) => (
                <Radio
                  key={value}
                  value={value}
                  label={t.dyn(`queue.outcome.${value}`, value)}
                  data-autofocus={index === 0 ? true : undefined}
                  data-testid={`queue-outcome-${value}`}
                />
              ))}
            </Stack>
          </Radio.Group>
          {error ? <ErrorState error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('queue.outcomeCancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="queue-outcome-submit">
              {t('queue.outcomeSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
