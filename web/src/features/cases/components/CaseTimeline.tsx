import { Badge, Group, Paper, Text, Timeline, Title } from '@mantine/core';
import type { Activity } from '@relance/contracts/cases';
import { describeGateReason, gateReasonMessages } from '../../../shared/gate-reasons.ts';
import { formatDateTime, useT } from '../../../shared/i18n.ts';
import { staffMessages } from '../../../shared/staff-messages.ts';
import { casesMessages } from '../messages.ts';
import { describeEvent, eventTitle } from '../timeline-event.ts';

const kindColors: Record<Activity['kind'], string> = {
  import: 'gray',
  call: 'indigo',
  note: 'blue',
  payment: 'teal',
  status_change: 'grape',
  portal_visit: 'cyan',
  checkout: 'teal',
  message: 'orange',
  document: 'gray',
  dispute: 'red',
  vulnerability: 'pink',
  callback: 'violet',
  promise: 'yellow',
  plan: 'lime',
  legal: 'red',
  debtor_message: 'orange',
};

const MISSING = '\u0000';

/** The case's history, newest first, each entry said in the screen's language when its event allows it. */
export function CaseTimeline({ activities, currency = 'EUR' }: { activities: Activity[]; currency?: string }) {
  const t = useT(casesMessages, staffMessages);
  const g = useT(gateReasonMessages);
  const lookup = (key: string) => {
    const found = t.dyn(key, MISSING);
    return found === MISSING ? undefined : found;
  };
  return (
    <Paper p="md">
      <Title order={4} mb="md">
        {t('case.timeline')}
      </Title>
      {activities.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('case.noActivity')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} data-testid="timeline">
          {activities.map((activity) => (
            <Timeline.Item
              key={activity.id}
              color={kindColors[activity.kind] ?? 'gray'}
              data-testid="timeline-item"
              data-kind={activity.kind}
              title={
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {eventTitle(activity.event, lookup) ?? t.dyn(`activity.${activity.kind}`, activity.kind)}
                  </Text>
                  {activity.callOutcome && (
                    <Badge size="sm" variant="light" color={kindColors[activity.kind]}>
                      {t.dyn(`outcome.${activity.callOutcome}`, activity.callOutcome)}
                    </Badge>
                  )}
                  {activity.staffOnly && (
                    <Badge size="sm" variant="outline" color="gray" data-testid="activity-internal">
                      {t('activity.internal')}
                    </Badge>
                  )}
                </Group>
              }
            >
              {activity.text && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="timeline-text">
                  {(activity.event && describeEvent(activity.event, lookup, t.locale, currency)) ?? activity.text}
                </Text>
              )}
              {activity.contactWarnings && activity.contactWarnings.length > 0 && (
                <Text size="xs" c="orange.9" mt={2} data-testid="timeline-contact-warning">
                  ⚠ {activity.contactWarnings.map((reason) => describeGateReason(g, reason)).join(' · ')}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={2}>
                {formatDateTime(activity.occurredAt, t.locale)} · {activity.authorName ?? t('case.system')}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}
