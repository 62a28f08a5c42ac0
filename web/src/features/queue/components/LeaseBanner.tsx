import { Badge, Button, Group, Kbd, List, Paper, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { QueueClaim, QueueOutcome } from '@relance/contracts/queue';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../../shared/components/states.tsx';
import { ApiError } from '../../../shared/http.ts';
import { formatDateTime, formatMoney, type MessageKey, type Translate, useT } from '../../../shared/i18n.ts';
import { extendClaim, forgetClaim, heartbeat, useClaim, useEndLease } from '../api/queue.ts';
import { queueMessages } from '../messages.ts';
import { useNextCase } from './NextCaseButton.tsx';
import { OutcomeDialog } from './OutcomeDialog.tsx';

const heartbeatMs = 2 * 60_000;
const tierColors = { callback: 'orange', promise: 'teal', priority: 'indigo' } as const;

/** Plain words for a priority reason, from its code and numbers. */
export function reasonText(t: Translate<MessageKey<typeof queueMessages>>, reason: QueueClaim['reasons'][number], currency: string): string {
  const p = reason.params;
  const money = (cents: number | undefined) => formatMoney(cents ?? 0, currency, t.locale);
  return t.dyn(`queue.reason.${reason.code}`, reason.code)
    .replace('{balance}', money(p.balanceCents))
    .replace('{threshold}', reason.code === 'balance' ? money(p.thresholdCents) : String(p.thresholdDays ?? ''))
    .replace('{days}', String(p.daysPastDue ?? p.daysToPrescription ?? p.daysSinceLastContact ?? p.daysSinceAddressChange ?? p.companyAgeDays ?? ''));
}

/** The lease the agent holds on this case (taken with "next case"): why it came, keep-alive, release or done. */
export function LeaseBanner({ caseId }: { caseId: string }) {
  const claim = useClaim(caseId);
  if (!claim) return null;
  return <Banner claim={claim} />;
}

function Banner({ claim }: { claim: QueueClaim }) {
  const t = useT(queueMessages);
  const caseId = claim.case.id;

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
        <LeaseActions caseId={caseId} />
      </Group>
    </Paper>
  );
}

/**
 * Give the case back, or "Terminé, dossier suivant": when nothing was logged since the case was
 * taken the server answers 422 outcome_required and the dialog asks what happened.
 */
function LeaseActions({ caseId }: { caseId: string }) {
  const t = useT(queueMessages);
  const navigate = useNavigate();
  const end = useEndLease(caseId);
  const { next, pending } = useNextCase();
  const [askOutcome, setAskOutcome] = useState(false);
  const outcomeAsked = end.error instanceof ApiError && end.error.code === 'outcome_required';
  const finish = (outcome?: QueueOutcome) =>
    end.mutate(
      { kind: 'done', ...(outcome ? { outcome } : {}) },
      {
        onSuccess: () => {
          setAskOutcome(false);
          next(() => forgetClaim(caseId));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'outcome_required' && !outcome) setAskOutcome(true);
        },
      },
    );
  // "d": done with this case, on to the next (the case screen's help lists it).
  useHotkeys([['d', () => !end.isPending && !pending && finish()]]);
  const release = () =>
    end.mutate(
      { kind: 'release' },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('queue.released'), autoClose: 2500 });
          navigate('/cases');
          forgetClaim(caseId);
        },
      },
    );

  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="sm">
        <Button variant="default" loading={end.isPending && end.variables?.kind === 'release'} onClick={release} data-testid="queue-release">
          {t('queue.release')}
        </Button>
        <Button
          loading={(end.isPending && end.variables?.kind === 'done') || pending}
          onClick={() => finish()}
          rightSection={<Kbd size="xs">d</Kbd>}
          data-testid="queue-done"
        >
          {t('queue.done')}
        </Button>
      </Group>
      {end.isError && !askOutcome && !outcomeAsked && <ErrorState error={end.error} />}
      <OutcomeDialog
        opened={askOutcome}
        pending={end.isPending}
        error={askOutcome && end.isError && end.variables?.outcome ? end.error : null}
        onClose={() => setAskOutcome(false)}
        onChoose={(outcome) => finish(outcome)}
      />
    </Stack>
  );
}
