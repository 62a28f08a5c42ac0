import { Alert, Badge, Button, type ButtonProps, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../shared/http.ts';
import { useT } from '../../../shared/i18n.ts';
import { queueStatsOptions, setQueueEmpty, useClaimNext, useQueueEmpty } from '../api/queue.ts';
import { queueMessages } from '../messages.ts';

/** Claims the next case and opens it; shared by the header, the case list and the lease banner. */
export function useNextCase() {
  const navigate = useNavigate();
  const mutation = useClaimNext();
  /** `before` runs once the answer is in, before the case screen changes (the lease banner forgets its case). */
  function next(before?: () => void) {
    if (mutation.isPending) return;
    mutation.mutate(undefined, {
      onSuccess: (claim) => {
        before?.();
        if (claim) navigate(`/cases/${claim.case.id}`);
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  }
  return { next, pending: mutation.isPending };
}

export function NextCaseButton({ testId = 'queue-next', ...props }: ButtonProps & { testId?: string }) {
  const t = useT(queueMessages);
  const { next, pending } = useNextCase();
  return (
    <Tooltip label={t('queue.nextHint')} openDelay={400}>
      <Button onClick={() => next()} loading={pending} data-testid={testId} {...props}>
        {t('queue.next')} →
      </Button>
    </Tooltip>
  );
}

/** The `n` shortcut, anywhere in the staff screens (ignored while typing in a field). */
export function NextCaseHotkey() {
  const { next } = useNextCase();
  useHotkeys([['n', () => next()]]);
  return null;
}

export function QueueStatsBadge() {
  const t = useT(queueMessages);
  const query = useQuery(queueStatsOptions());
  if (!query.data) return null;
  return (
    <Badge variant="light" color="gray" size="lg" data-testid="queue-stats" styles={{ label: { textTransform: 'none' } }}>
      {t('queue.statsToday', { mine: query.data.workedByMe, team: query.data.workedByTeam })}
    </Badge>
  );
}

/** Shown after "next case" found nothing left: a message that stays until closed or the next claim. */
export function QueueEmptyAlert() {
  const t = useT(queueMessages);
  const empty = useQueueEmpty();
  if (!empty) return null;
  return (
    <Alert
      color="blue"
      variant="light"
      title={t('queue.emptyTitle')}
      withCloseButton
      onClose={() => setQueueEmpty(false)}
      mb="md"
      data-testid="queue-empty"
    >
      {t('queue.empty')}
    </Alert>
  );
}
