import { Alert, Divider, Grid, Group, Stack, Text, Title } from '@mantine/core';
import type { LegalActionDto } from '@relance/contracts/legal-actions';
import { todayInParis } from '../../../shared/dates.ts';
import { formatDateTime, formatMoney, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { serverToday } from '../legal-view.ts';
import { legalMessages } from '../messages.ts';
import { ApprovalsCard } from './ApprovalsCard.tsx';
import { CostEstimateTable } from './CostEstimateTable.tsx';
import { CostForm } from './CostForm.tsx';
import { EventForm } from './EventForm.tsx';
import { StageBadge } from './LegalBadges.tsx';
import { LegalDocumentsCard } from './LegalDocumentsCard.tsx';
import { CostsTable, DeadlinesList, EventsTimeline } from './LegalTimeline.tsx';
import { CheckList } from './PrecheckVerdicts.tsx';
import { VenueChoice } from './VenueChoice.tsx';

/** One action on the case: stage, approvals, documents, deadlines and events, the next step's form, costs. */
export function LegalActionView({ action, currency }: { action: LegalActionDto; currency: string }) {
  const t = useT(legalMessages);
  const user = useUser();
  const isStaff = user.role !== 'creditor';
  const prepared = !['proposed', 'refused'].includes(action.stage);
  return (
    <Stack gap="md" data-testid="legal-action" data-stage={action.stage} data-id={action.id}>
      <ActionHeader action={action} currency={currency} />
      {action.note && (
        <Text size="sm" fs="italic">
          {t('legal.quoted', { text: action.note })}
        </Text>
      )}
      {action.stage === 'ready' && (
        <Alert color="teal" variant="light" data-testid="legal-ready">
          {t('legal.readyNote')}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <Stack gap={6}>
              <Title order={5}>{t('legal.approvalsTitle')}</Title>
              <ApprovalsCard action={action} />
            </Stack>
            {action.stage === 'proposed' && (
              <Stack gap={6}>
                <Title order={5}>{t('legal.precheckTitle')}</Title>
                <CheckList checks={action.prechecks} />
                <Title order={6}>{t('legal.estimatedCosts')}</Title>
                <CostEstimateTable estimate={action.estimatedCosts} currency={currency} />
                {isStaff && (action.kind === 'injonction_de_payer' ? action.court === null : action.commissaire === null) && <VenueChoice action={action} />}
              </Stack>
            )}
            <LegalDocumentsCard actionId={action.id} caseReference={action.caseReference} prepared={prepared} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <DeadlinesList action={action} />
            <Stack gap={6}>
              <Title order={5}>{t('legal.timelineTitle')}</Title>
              <EventsTimeline action={action} currency={currency} />
            </Stack>
          </Stack>
        </Grid.Col>
      </Grid>
      {isStaff && action.stage !== 'proposed' && (
        <>
          <Divider />
          <EventForm key={action.stage} action={action} today={serverToday(action, todayInParis())} />
        </>
      )}
      <CostsTable action={action} currency={currency} />
      {isStaff && action.stage !== 'proposed' && action.stage !== 'refused' && <CostForm key={action.stage} action={action} today={serverToday(action, todayInParis())} />}
    </Stack>
  );
}

/** The procedure, its stage, who proposed it and the venue; the amount claimed (and granted or agreed). */
function ActionHeader({ action, currency }: { action: LegalActionDto; currency: string }) {
  const t = useT(legalMessages);
  const money = (cents: number) => formatMoney(cents, currency, t.locale);
  return (
    <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={4}>{t(`legal.kind.${action.kind}`)}</Title>
            <StageBadge stage={action.stage} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('legal.proposedBy', { date: formatDateTime(action.proposedAt, t.locale), who: action.proposedBy ?? '—' })}
            {action.court ? ` · ${action.court.name}` : ''}
            {action.commissaire ? ` · ${action.commissaire.etude}` : ''}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('legal.claimed')}
          </Text>
          <Text fw={700} className="num">
            {money(action.claimedCents)}
          </Text>
          {action.orderAmountCents !== null && (
            <Text size="xs" c="dimmed">
              {t('legal.labelled', { label: t('legal.orderAmount'), value: money(action.orderAmountCents) })}
            </Text>
          )}
          {action.agreedAmountCents !== null && (
            <Text size="xs" c="dimmed">
              {t('legal.labelled', { label: t('legal.agreedAmount'), value: money(action.agreedAmountCents) })}
            </Text>
          )}
        </Stack>
      </Group>
  );
}
