import { Stack, Text, Title } from '@mantine/core';
import type { Consultation } from '@relance/contracts/consultations';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { EmptyBlock, ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { consultationsOptions } from '../api/consultations.ts';
import { AnswerForm } from '../components/AnswerForm.tsx';
import { ConsultationItem } from '../components/ConsultationItem.tsx';
import { consultationsMessages } from '../messages.ts';

/** The creditor's consultations: the open ones with their answer form, then those answered or closed. */
export function ConsultationsPage() {
  const t = useT(consultationsMessages);
  const user = useUser();
  const query = useQuery(consultationsOptions({}));
  const items = query.data?.items ?? [];
  const open = items.filter((item) => item.status === 'open');
  const answered = items.filter((item) => item.status === 'answered');
  const closed = items.filter((item) => item.status === 'closed');
  const mayAnswer = user.creditorRole !== 'viewer';
  return (
    <Stack gap="md" data-testid="consultations-page">
      <PageHeader title={t('consultations.title')} subtitle={t('consultations.subtitle')} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Section title={t('consultations.open')} testId="consultations-open">
            {open.length === 0 ? (
              <EmptyBlock title={t('consultations.noneOpen')}>{t('consultations.noneOpenHelp')}</EmptyBlock>
            ) : (
              open.map((item) => (
                <ConsultationItem key={item.id} consultation={item} showCase>
                  {mayAnswer ? (
                    <AnswerForm consultation={item} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('consultations.viewerOnly')}
                    </Text>
                  )}
                </ConsultationItem>
              ))
            )}
          </Section>
          <List title={t('consultations.answered')} items={answered} testId="consultations-answered" />
          <List title={t('consultations.closedList')} items={closed} testId="consultations-closed" />
        </>
      )}
    </Stack>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <Stack gap="sm" data-testid={testId}>
      <Title order={3} fz={18}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function List({ title, items, testId }: { title: string; items: Consultation[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <Section title={title} testId={testId}>
      {items.map((item) => (
        <ConsultationItem key={item.id} consultation={item} showCase />
      ))}
    </Section>
  );
}
