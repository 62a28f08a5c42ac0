import { Alert, Anchor, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../shared/components/states.tsx';
import { useT } from '../../../shared/i18n.ts';
import { useUser } from '../../../shared/session.ts';
import { consultationsOptions, useAskConsultation } from '../api/consultations.ts';
import { consultationsMessages } from '../messages.ts';
import { ConsultationItem } from './ConsultationItem.tsx';

/**
 * The case screen's consultations, by the dispute: staff ask the creditor ("Consulter le
 * créancier") while a dispute is open and read the answers with their files; a creditor's user is
 * pointed to the open question on its Consultations page. Nothing when there is nothing to show.
 */
export function CaseConsultationsCard({ caseId, openDisputeId }: { caseId: string; openDisputeId: string | null }) {
  const t = useT(consultationsMessages);
  const user = useUser();
  const isCreditor = user.role === 'creditor';
  const query = useQuery(consultationsOptions({ caseId }));
  const items = query.data?.items ?? [];
  const mayAsk = !isCreditor && user.role !== 'accountant' && openDisputeId !== null;
  if (query.isSuccess && items.length === 0 && !mayAsk) return null;
  const open = items.filter((item) => item.status === 'open');
  return (
    <Paper p="md" data-testid="case-consultations">
      <Stack gap="sm">
        <Title order={4}>{t('consultations.cardTitle')}</Title>
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            {isCreditor && open.length > 0 && (
              <Alert color="orange" variant="light" data-testid="case-consultation-open">
                <Text size="sm">{t('consultations.creditorOpenAlert')}</Text>
                <Anchor component={Link} to="/consultations" size="sm" fw={600}>
                  {t('consultations.answerIt')}
                </Anchor>
              </Alert>
            )}
            {mayAsk && openDisputeId && <AskForm caseId={caseId} disputeId={openDisputeId} />}
            {items.map((item) => (
              <ConsultationItem key={item.id} consultation={item} showCase={false} />
            ))}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Staff's question to the creditor about the open dispute. */
function AskForm({ caseId, disputeId }: { caseId: string; disputeId: string }) {
  const t = useT(consultationsMessages);
  const ask = useAskConsultation(caseId, disputeId);
  const [question, setQuestion] = useState('');
  const [tooShort, setTooShort] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (question.trim().length < 3) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    ask.mutate(question.trim(), {
      onSuccess: () => {
        setQuestion('');
        notifications.show({ color: 'teal', message: t('consultations.asked') });
      },
    });
  }
  return (
    <form onSubmit={submit} data-testid="consultation-ask-form">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('consultations.cardHelpStaff')}
        </Text>
        <Textarea
          label={t('consultations.questionLabel')}
          placeholder={t('consultations.questionPlaceholder')}
          value={question}
          onChange={(event) => setQuestion(event.currentTarget.value)}
          error={tooShort ? t('consultations.questionTooShort') : undefined}
          autosize
          minRows={2}
          maxLength={4000}
          data-testid="consultation-question-input"
        />
        {ask.isError && <ErrorState error={ask.error} title={t('consultations.askFailed')} />}
        <Button type="submit" variant="light" color="orange" loading={ask.isPending} style={{ alignSelf: 'flex-start' }} data-testid="consultation-ask">
          {t('consultations.ask')}
        </Button>
      </Stack>
    </form>
  );
}
