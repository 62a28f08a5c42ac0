import { Badge, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QueueClaim } from '@relance/contracts/queue';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../../shared/components/states.tsx';
import { ApiError } from '../../../shared/http.ts';
import { formatDateTime, formatMoney, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { extendClaim, forgetClaim, heartbeat, useClaim, useEndLease } from '../api/queue.ts';
import { queueMessages } from '../messages.ts';
import { useNextCase } from './NextCaseButton.tsx';

const heartbeatMs = 2 * 60_000;
const tierColors = { callback: 'orange', promise: 'teal', priority: 'indigo' } as const;

/** Plain words for a priority reason, from its code and numbers. */
export function reasonText(t: Translate<MessageKey<typeof queueMessages>>, reason: QueueClaim['reasons'][number], currency: string): string {
  const p = reason.params;
  const money = (cents: number | undefined) => formatMoney(cents ?? 0, currency, t.locale);
  return t.dyn(`queue.reason.${reason.code}`, reason.code)
    .replace('{balance}', money(p.balanceCents))
    .replace('{threshold}', reason.code === 'balance' ? money(p.thresholdCents) : String(p.thresholdDays ?? ''))
    .replace('{days}', String(p.daysPastDue ?? p.daysToPrescription ?? p.daysSinceLastContact ?? ''));
}

/** The lease the agent holds on this case (taken with "next case"): why it came, keep-alive, release or done. */
export function LeaseBanner({ caseId }: { caseId: string }) {
  const claim = useClaim(caseId);
  if (!claim) return null;
  return <Banner claim={claim} />;
}

function Banner({ claim }: { claim: QueueClaim }) {
  const t = useT(queueMessages);
  const navigate = useNavigate();
  const caseId = claim.case.id;
  const end = useEndLease(caseId);
  const { next, pending } = useNextCase();

  // Keep the lease alive while the screen is open; a 409 means it was lost.
  useEffect(() => {
    const timer = setInterval(() => {
      heartbeat(caseId)
        .then((lease) => extendClaim(caseId, lease.leaseExpiresAt))
        .catch((error) => {
          if (error instanceof ApiError && error.status === 409) {
            forgetClaim(caseId);
            notifications.show({ color: 'orange', message: t('queue.leaseLost') });
          }
        });
    }, heartbeatMs);
    return () => clearInterval(timer);
  }, [caseId, t]);

  return (
    <Paper p="md" withBorder bg="indigo.0" data-testid="queue-lease" data-tier={claim.tier}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6} style={{ flex: 1, minWidth: 260 }}>
          <Group gap="sm">
            <Badge color={tierColors[claim.tier]} data-testid="queue-tier">
              {t.dyn(`queue.tier.${claim.tier}`, claim.tier)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('queue.score', { score: claim.score })} · {t('queue.lease', { time: formatDateTime(claim.leaseExpiresAt, t.locale) })}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('queue.reasonsTitle')}
          </Text>
          <List size="sm" spacing={2} data-testid="queue-reasons">
            {claim.reasons.map((reason) => (
              <List.Item key={reason.code} data-testid="queue-reason" data-code={reason.code}>
                {reasonText(t, reason, claim.case.currency)}{' '}
                <Text span size="xs" c="dimmed">
                  ({t('queue.points', { points: reason.points > 0 ? `+${reason.points}` : reason.points })})
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
        <Group gap="sm">
          <Button
            variant="default"
            loading={end.isPending && end.variables === 'release'}
            onClick={() =>
              end.mutate('release', {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: t('queue.released'), autoClose: 2500 });
                  navigate('/cases');
                  forgetClaim(caseId);
                },
              })
            }
            data-testid="queue-release"
          >
            {t('queue.release')}
          </Button>
          <Button
            loading={(end.isPending && end.variables === 'done') || pending}
            onClick={() => end.mutate('done', { onSuccess: () => next(() => forgetClaim(caseId)) })}
            data-testid="queue-done"
          >
            {t('queue.done')}
          </Button>
        </Group>
      </Group>
      {end.isError && <ErrorState error={end.error} />}
    </Paper>
  );
}
