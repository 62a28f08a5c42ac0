import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { LegalActionSummaryDto } from '@relance/contracts/legal-actions';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { formatInstantDate, useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { caseLegalActionsOptions, legalActionOptions } from '../api/legal.ts';
import { isClosed } from '../legal-view.ts';
import { legalMessages } from '../messages.ts';
import { LegalActionView } from './LegalActionView.tsx';
import { StageBadge } from './LegalBadges.tsx';
import { ProposalForm } from './ProposalForm.tsx';

/**
 * The case screen's "Procédure" section: the open legal action in full, or (staff) the form that
 * proposes one after its pre-checks; earlier actions listed below.
 */
export function LegalPanel({ caseId, currency }: { caseId: string; currency: string }) {
  const t = useT(legalMessages);
  const user = useUser();
  const list = useQuery(caseLegalActionsOptions(caseId));
  const open = list.data?.items.find((item) => !isClosed(item.stage));
  const past = list.data?.items.filter((item) => item !== open) ?? [];
  const location = useLocation();
  const panelRef = useRef<HTMLDivElement>(null);
  // Links from the board and the creditor's page end in #procedure: bring the panel into view once loaded.
  useEffect(() => {
    if (location.hash === '#procedure' && list.isSuccess) panelRef.current?.scrollIntoView({ block: 'start' });
  }, [location.hash, list.isSuccess]);
  return (
    <Paper p="md" id="procedure" ref={panelRef} data-testid="legal-panel" aria-labelledby="legal-panel-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3} id="legal-panel-title">
            {t('legal.panelTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('legal.panelHelp')}
          </Text>
        </Stack>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : open ? (
          <OpenAction id={open.id} currency={currency} />
        ) : user.role === 'creditor' ? (
          <Text size="sm" c="dimmed" data-testid="legal-none">
            {t('legal.noActionCreditor')}
          </Text>
        ) : (
          <ProposalForm caseId={caseId} currency={currency} />
        )}
        {past.length > 0 && <PastActions items={past} />}
      </Stack>
    </Paper>
  );
}

function OpenAction({ id, currency }: { id: string; currency: string }) {
  const query = useQuery(legalActionOptions(id));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <LegalActionView action={query.data} currency={currency} />;
}

function PastActions({ items }: { items: LegalActionSummaryDto[] }) {
  const t = useT(legalMessages);
  return (
    <Stack gap={4} data-testid="legal-past">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t('legal.pastActions')}
      </Text>
      {items.map((item) => (
        <Group key={item.id} gap="sm">
          <Text size="sm">{t(`legal.kind.${item.kind}`)}</Text>
          <StageBadge stage={item.stage} />
          <Text size="xs" c="dimmed">
            {formatInstantDate(item.updatedAt, t.locale)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
