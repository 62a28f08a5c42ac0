import { Badge, Group, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import type { LegalActionDto } from '@relance/contracts/legal-actions';
import { todayInParis } from '../../../shared/dates.ts';
import { formatDate, formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { deadlineStates, serverToday } from '../legal-view.ts';
import { legalMessages } from '../messages.ts';
import { DaysLeftBadge } from './LegalBadges.tsx';

/** Service, opposition, answer and enforcement deadlines: the running one with its days left, the others met, lapsed or passed. */
export function DeadlinesList({ action }: { action: Pick<LegalActionDto, 'deadlines' | 'nextDeadline' | 'stage' | 'dates'> }) {
  const t = useT(legalMessages);
  const states = deadlineStates(action, serverToday(action, todayInParis()));
  return (
    <Stack gap={6} data-testid="legal-deadlines">
      <Title order={5}>{t('legal.deadlinesTitle')}</Title>
      {states.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('legal.noDeadlines')}
        </Text>
      ) : (
        states.map((deadline) => (
          <Group key={deadline.name} gap="sm" justify="space-between" wrap="nowrap" data-testid="legal-deadline" data-name={deadline.name} data-date={deadline.date} data-state={deadline.state}>
            <Text size="sm">{t(`legal.deadline.${deadline.name}`)}</Text>
            <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
              <Text size="sm" fw={600} className="num">
                {formatDate(deadline.date, t.locale)}
              </Text>
              {deadline.state === 'running' && <DaysLeftBadge daysLeft={deadline.daysLeft} />}
              {deadline.state === 'lapsed' && (
                <Badge color="red" variant="filled" data-testid="legal-lapsed" styles={{ label: { textTransform: 'none' } }}>
                  {t('legal.lapsed')}
                </Badge>
              )}
              {deadline.state === 'met' && (
                <Badge color="teal" variant="light" miw="max-content" styles={{ label: { textTransform: 'none' } }}>
                  {t('legal.met')}
                </Badge>
              )}
              {deadline.state === 'passed' && (
                <Badge color="gray" variant="light" styles={{ label: { textTransform: 'none' } }}>
                  {t('legal.passed')}
                </Badge>
              )}
            </Group>
          </Group>
        ))
      )}
    </Stack>
  );
}

/** The events recorded, oldest first, with their details (amount, act, hearing, who recorded them). */
export function EventsTimeline({ action, currency }: { action: Pick<LegalActionDto, 'events'>; currency: string }) {
  const t = useT(legalMessages);
  if (action.events.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="legal-events-empty">
        {t('legal.noEvents')}
      </Text>
    );
  }
  return (
    <Timeline active={action.events.length - 1} bulletSize={14} lineWidth={2} data-testid="legal-events">
      {action.events.map((event) => {
        const details = event.details as { amountCents?: number; act?: string; hearingOn?: string; note?: string };
        return (
          <Timeline.Item
            key={event.id}
            title={
              <Text size="sm" fw={600}>
                {t.dyn(`legal.event.${event.event}`, event.event)} · {formatDate(event.date, t.locale)}
              </Text>
            }
            data-testid="legal-event"
            data-event={event.event}
          >
            <Text size="xs" c="dimmed">
              {[
                typeof details.amountCents === 'number' ? formatMoney(details.amountCents, currency, t.locale) : null,
                details.act ? t.dyn(`legal.act.${details.act}`, details.act) : null,
                details.hearingOn ? `${t('legal.eventHearing')} ${formatDate(details.hearingOn, t.locale)}` : null,
                details.note ?? null,
                `${event.recordedBy ?? '—'}, ${formatDateTime(event.recordedAt, t.locale)}`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

/** Court fees and commissaire costs recorded, with who bears them (the creditor; the debtor only with a title). */
export function CostsTable({ action, currency }: { action: Pick<LegalActionDto, 'costs'>; currency: string }) {
  const t = useT(legalMessages);
  return (
    <Stack gap={6} data-testid="legal-costs">
      <Title order={5}>{t('legal.costsTitle')}</Title>
      {action.costs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('legal.noCostsYet')}
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('legal.costItem')}</Table.Th>
              <Table.Th>{t('legal.costDate')}</Table.Th>
              <Table.Th>{t('legal.costBorneBy')}</Table.Th>
              <Table.Th className="num">{t('legal.costAmount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {action.costs.map((cost) => (
              <Table.Tr key={cost.id} data-testid="legal-cost">
                <Table.Td>{cost.description}</Table.Td>
                <Table.Td>{formatDate(cost.incurredOn, t.locale)}</Table.Td>
                <Table.Td>
                  {t(`legal.borne.${cost.borneBy}`)}
                  {cost.advancedByAgency ? (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      · {t('legal.advanced')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td className="num">{formatMoney(cost.amountCents, currency, t.locale)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td colSpan={3} fw={700}>
                {t('legal.total')}
              </Table.Td>
              <Table.Td className="num" fw={700}>
                {formatMoney(
                  action.costs.reduce((sum, cost) => sum + cost.amountCents, 0),
                  currency,
                  t.locale,
                )}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
